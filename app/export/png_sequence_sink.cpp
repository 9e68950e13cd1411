// The PNG-sequence sink: frames go to a temporary folder; Finish moves the set into
// place (renaming the whole folder when it is new).
#include "export/png_sequence_sink.h"

#include <stb_image_write.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <regex>
#include <vector>

#include "atomic_write.h"
#include "error.h"
#include "export/output_place.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

bool IsFrameName(const std::string& name) {
  static const std::regex pattern("frame_[0-9]{5}\\.png");
  return std::regex_match(name, pattern);
}

// The frame_*.png files in `dir` (what an export there would replace).
std::vector<fs::path> ExistingFrames(const fs::path& dir) {
  std::vector<fs::path> frames;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (IsFrameName(it->path().filename().string())) frames.push_back(it->path());
  }
  return frames;
}

void AppendBytes(void* context, void* data, int size) {
  auto* bytes = static_cast<std::string*>(context);
  bytes->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

class PngSequenceSink : public FrameSink {
 public:
  PngSequenceSink(const AnimationSpec& spec, bool folder_exists)
      : spec_(spec), folder_exists_(folder_exists) {
    const fs::path dir(spec.path);
    // A new folder is built beside its final name and renamed whole. In an existing
    // folder the set is built in a hidden subfolder, so the folder's other files and its
    // permissions stay the user's.
    std::random_device rd;
    for (int attempt = 0; attempt < 100 && tmp_.empty(); ++attempt) {
      const std::string suffix = ".tmp" + std::to_string(rd() % 1000000);
      const fs::path candidate = folder_exists
                                     ? dir / (".frames" + suffix)
                                     : dir.parent_path() / ("." + dir.filename().string() + suffix);
      std::error_code ec;
      if (fs::create_directory(candidate, ec)) {
        tmp_ = candidate.string();
      } else if (ec) {
        throw Error(ErrorKind::FileWrite,
                    spec.path + ": cannot create a folder there (" + ec.message() + ")");
      }
    }
    if (tmp_.empty()) throw Error(ErrorKind::FileWrite, spec.path + ": no free temporary name");
  }
  ~PngSequenceSink() override { Abort(); }

  void AddFrame(const uint8_t* rgb) override {
    if (frames_ >= kPngSequenceMaxFrames) {
      Fail("a PNG sequence holds at most " + std::to_string(kPngSequenceMaxFrames) + " frames");
    }
    std::string bytes;
    bytes.reserve(static_cast<size_t>(spec_.width) * spec_.height);
    if (!stbi_write_png_to_func(AppendBytes, &bytes, spec_.width, spec_.height, 3, rgb,
                                spec_.width * 3)) {
      Fail("PNG encoding failed");
    }
    const std::string name = (fs::path(tmp_) / PngFrameName(frames_)).string();
    try {
      write_file_atomically(name, bytes);
    } catch (const Error& e) {
      // Name the folder the user chose, not the temporary one.
      const std::string what = e.what();
      const size_t reason = what.find(": ");
      Fail(PngFrameName(frames_) + (reason == std::string::npos ? what : what.substr(reason)));
    }
    ++frames_;
  }

  void Finish() override {
    std::error_code ec;
    const fs::path dir(spec_.path);
    if (!folder_exists_) {
      // rename() also replaces an empty folder created meanwhile; a full one refuses.
      fs::rename(tmp_, dir, ec);
      if (ec) Fail("cannot rename the temporary folder into place (" + ec.message() + ")");
      tmp_.clear();
      return;
    }
    const std::vector<fs::path> old = ExistingFrames(dir);
    if (!old.empty() && !spec_.overwrite) {
      Fail("a PNG sequence appeared there while exporting; it was left as it is");
    }
    // The old set goes whole, so no frame of a longer earlier export stays behind.
    for (const fs::path& f : old) {
      fs::remove(f, ec);
      if (ec) Fail("cannot remove the old " + f.filename().string() + " (" + ec.message() + ")");
    }
    for (int i = 0; i < frames_; ++i) {
      fs::rename(fs::path(tmp_) / PngFrameName(i), dir / PngFrameName(i), ec);
      if (ec) {
        for (int j = 0; j < i; ++j) fs::remove(dir / PngFrameName(j), ec);
        Fail("cannot move the frames into place (" + ec.message() + ")");
      }
    }
    RemoveQuietly(tmp_);
    tmp_.clear();
  }

  void Abort() noexcept override {
    if (!tmp_.empty()) RemoveQuietly(tmp_);
    tmp_.clear();
  }

 private:
  [[noreturn]] void Fail(const std::string& why) {
    Abort();
    throw Error(ErrorKind::FileWrite, spec_.path + ": " + why + "; no frame was written");
  }

  AnimationSpec spec_;
  bool folder_exists_;
  std::string tmp_;
  int frames_ = 0;
};

}  // namespace

std::string PngFrameName(int index) {
  char name[32];
  std::snprintf(name, sizeof name, "frame_%05d.png", index);
  return name;
}

std::unique_ptr<FrameSink> OpenPngSequenceSink(const AnimationSpec& spec) {
  std::error_code ec;
  fs::path dir(spec.path);
  if (dir.filename().empty()) dir = dir.parent_path();  // "frames/" names "frames"
  AnimationSpec fixed = spec;
  fixed.path = dir.string();
  const bool exists = fs::exists(dir, ec);
  if (exists && !fs::is_directory(dir, ec)) {
    throw Error(ErrorKind::FileWrite, fixed.path + ": is a file, not a folder for PNG frames");
  }
  const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  if (!exists && !fs::is_directory(parent, ec)) {
    throw Error(ErrorKind::FileWrite,
                fixed.path + ": the folder " + parent.string() + " does not exist");
  }
  if (exists && !spec.overwrite && !ExistingFrames(dir).empty()) {
    throw Error(ErrorKind::FileWrite, fixed.path +
                                          " already holds a PNG sequence (frame_00000.png ...) "
                                          "(pass --overwrite to replace it)");
  }
  return std::make_unique<PngSequenceSink>(fixed, exists);
}

}  // namespace sepconv::app
