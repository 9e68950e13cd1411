// Document: what is loaded and computed (the image, the layer as edited and as applied,
// the newest result and its display tiles, the job's status, the open lesson), with the
// dirty flags that say what changed. No GL or ImGui here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "image_io.h"
#include "state/compute.h"
#include "state/image_loader.h"
#include "state/lesson_player.h"

namespace sepconv::app {

struct ImageSlot {
  std::string path;       // as given; empty when nothing is loaded
  std::string requested;  // the load on its way ("" when none): what will be shown next
  std::shared_ptr<const LoadedImage> image;
  // The whole image shrunk to at most kOverviewLongSide (made by the loader's thread):
  // what the input panel and the animation's overview upload, whatever the photo's size.
  std::shared_ptr<const RgbaMips> overview;
  uint64_t revision = 0;  // bumps on every successful load (textures follow it)
  int channels() const { return image ? image->pixels.dim(0) : 0; }
  int height() const { return image ? image->pixels.dim(1) : 0; }
  int width() const { return image ? image->pixels.dim(2) : 0; }
};

// What changed since the last frame, so only that work is redone.
struct DirtyFlags {
  bool layer = false;    // applied layer choice changed: a new job is needed
  bool image = false;    // a new image arrived: a new job is needed
  bool results = false;  // a new result was swapped in (taken by AppLoop::SyncWithTheScreen)
  // The shown result was let go to make room for the next job: the platform drops the
  // views' own references to it (the animation's) too.
  bool released_result = false;
  // A job held back because an export still holds the shown result: started after it.
  bool retry_after_export = false;
};

struct JobView {
  bool running = false;
  double progress = 0;
  std::string message;   // last outcome or refusal, shown in the status bar
  bool refused = false;  // the memory estimate was over budget
  bool failed = false;   // the last job ended with an error (message says which)
  // When refused for memory: the working size (megapixels) at which the layer fits, for
  // the button that offers it; 0 when none does.
  double fitting_megapixels = 0;
};

struct Document {
  ImageSlot input;
  LayerChoice edit;         // what the parameters panel shows and edits
  LayerChoice applied;      // the last valid choice; jobs run on this
  std::string param_error;  // why `edit` is not applied ("" when it is)

  std::shared_ptr<const JobResult> result;  // the newest complete result, swapped whole
  // Its display copies coloured for the current colour range (the job's, or recoloured on
  // a worker when the user switches the range); the renderer uploads these.
  std::shared_ptr<const DisplayTiles> tiles;
  JobView job;
  DirtyFlags dirty;
  std::vector<std::string> samples;  // bundled sample images found in assets/

  LessonPlayer lesson;  // the open lesson (if any) and the class's answers
  // An animation position to apply once the next result is on screen (a lesson step, the
  // command line's --anim-* flags, a question's reveal).
  std::optional<LessonAnimation> pending_animation;
  // Who asked for it, for the message when its jump lies outside the output.
  std::string pending_animation_source = "--anim-jump";
};

}  // namespace sepconv::app
