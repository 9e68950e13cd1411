// The Kernels tab's weight files: exported weights and biases import back as hand edits
// and compute the same outputs; a wrong shape, a file that is not float32, a folder
// without weights, an existing file and an unwritable folder each get their message and
// change nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "state/app_state.h"
#include "state/compute.h"
#include "state/export_job.h"
#include "state/image_loader.h"
#include "state/job_runner.h"
#include "state/weight_edits.h"

namespace sepconv::app {
namespace {

namespace fs = std::filesystem;

fs::path FreshDir(const std::string& name) {
  const fs::path d =
      fs::temp_directory_path() / ("sepconv_weights_" + name + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::shared_ptr<const Tensor> Stripes() {
  auto t = std::make_shared<Tensor>(std::vector<int>{3, 17, 23});
  for (int c = 0; c < 3; ++c)
    for (int y = 0; y < 17; ++y)
      for (int x = 0; x < 23; ++x) t->at(c, y, x) = float((x * 5 + y * 3 + c * 7) % 11) / 10.0f;
  return t;
}

// The app's state after computing `choice` on the stripes, as a finished job leaves it.
AppState Computed(const LayerChoice& choice) {
  AppState state;
  state.doc.edit = state.doc.applied = choice;
  JobRequest request;
  request.image = Stripes();
  request.choice = choice;
  state.doc.result = std::make_shared<const JobResult>(ComputeLayer(request, {}));
  return state;
}

LayerChoice RandomLayerWithBiases() {
  LayerChoice c;
  c.kernel = KernelPreset::Random;
  c.spec.n = 5;
  c.seed = 21;
  c.files.depthwise_bias = "random";
  c.files.pointwise_bias = "-0.4";
  return c;
}

TEST(WeightFiles, ExportedWeightsImportAsHandEditsAndComputeTheSameOutputs) {
  const fs::path dir = FreshDir("roundtrip");
  const AppState source = Computed(RandomLayerWithBiases());
  std::vector<std::string> written;
  ASSERT_EQ(ExportWeights(source.doc, dir.string(), false, &written).why(), "");
  EXPECT_EQ(written.size(), 6u);

  AppState target;  // the default layer: Sobel x, no bias
  target.doc.edit.spec.n = 5;
  ASSERT_EQ(ImportWeights(target.doc.edit, dir.string()).why(), "");
  ApplyEdits(target);
  ASSERT_NE(target.doc.edit.custom_dw, nullptr);
  ASSERT_NE(target.doc.edit.custom_pw, nullptr);
  EXPECT_TRUE(target.doc.edit.custom_dw->values() == source.doc.result->dw_weights.values());
  EXPECT_EQ(target.doc.edit.files.depthwise_bias, (dir / "depthwise_conv.bias.npy").string());
  EXPECT_TRUE(target.doc.edit.files.standard.empty()) << "composed: the standard follows them";
  EXPECT_TRUE(target.doc.param_error.empty()) << target.doc.param_error;
  const AppState again = Computed(target.doc.edit);
  EXPECT_TRUE(again.doc.result->separable.values() == source.doc.result->separable.values());
  EXPECT_TRUE(again.doc.result->standard.values() == source.doc.result->standard.values());
  EXPECT_TRUE(again.doc.result->outputs_match);
}

// Kernels tab > Import asks (FrameRequests::import_weights_folder); the next UpdateJobs
// reads the folder, applies the weights as hand edits and says so in the status line, or
// puts the reason in the banner and changes nothing.
TEST(WeightFiles, AnImportRequestIsCarriedOutByTheNextUpdate) {
  const fs::path dir = FreshDir("request");
  std::vector<std::string> written;
  const AppState source = Computed(RandomLayerWithBiases());
  ASSERT_EQ(ExportWeights(source.doc, dir.string(), false, &written).why(), "");
  JobRunner runner;
  ImageLoader loader;
  AppState state;
  state.doc.edit.spec.n = 5;
  state.requests.import_weights_folder = dir.string();
  UpdateJobs(state, runner, loader);
  EXPECT_TRUE(state.requests.import_weights_folder.empty()) << "carried out once";
  ASSERT_NE(state.doc.applied.custom_dw, nullptr) << "applied, not only edited";
  EXPECT_TRUE(state.doc.applied.custom_dw->values() == source.doc.result->dw_weights.values());
  EXPECT_NE(state.doc.job.message.find("imported the weights of " + dir.string()),
            std::string::npos)
      << state.doc.job.message;
  EXPECT_TRUE(state.ui.banner.text.empty());

  const LayerChoice before = state.doc.edit;
  state.requests.import_weights_folder = (dir / "missing").string();
  UpdateJobs(state, runner, loader);
  EXPECT_NE(state.ui.banner.text.find("Could not import the weights"), std::string::npos);
  EXPECT_NE(state.ui.banner.text.find("missing"), std::string::npos) << state.ui.banner.text;
  EXPECT_TRUE(same_choice(state.doc.edit, before));
}

TEST(WeightFiles, AWrongShapeNamesTheFileAndBothShapesAndChangesNothing) {
  const fs::path dir = FreshDir("shape");
  std::vector<std::string> written;
  ASSERT_EQ(
      ExportWeights(Computed(RandomLayerWithBiases()).doc, dir.string(), false, &written).why(),
      "");
  AppState target;
  target.doc.edit.spec.n = 4;
  const LayerChoice before = target.doc.edit;
  const std::string why = ImportWeights(target.doc.edit, dir.string()).why();
  EXPECT_NE(why.find("pointwise_conv.weight.npy"), std::string::npos) << why;
  EXPECT_NE(why.find("[5, 3, 1, 1]"), std::string::npos) << why;
  EXPECT_NE(why.find("[4, 3, 1, 1]"), std::string::npos) << why;
  EXPECT_TRUE(same_choice(target.doc.edit, before));
}

TEST(WeightFiles, AFileThatIsNotFloat32OrAFolderWithoutWeightsIsRefused) {
  const fs::path dir = FreshDir("dtype");
  AppState target;
  EXPECT_NE(ImportWeights(target.doc.edit, dir.string()).why().find("holds none of"),
            std::string::npos);
  // A float64 .npy, as np.save writes by default.
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 1, 3, 3), }";
  header.append(118 - header.size(), ' ');
  header += '\n';
  std::ofstream out(dir / "depthwise_conv.weight.npy", std::ios::binary);
  out << "\x93NUMPY" << char(1) << char(0) << char(header.size()) << char(0) << header
      << std::string(27 * 8, '\0');
  out.close();
  const std::string why = ImportWeights(target.doc.edit, dir.string()).why();
  EXPECT_NE(why.find("depthwise_conv.weight.npy"), std::string::npos) << why;
  EXPECT_NE(why.find("float32"), std::string::npos) << why;
  EXPECT_EQ(target.doc.edit.custom_dw, nullptr);
}

TEST(WeightFiles, AnExistingFileIsKeptUnlessReplacingAndAnUnwritableFolderIsNamed) {
  const fs::path dir = FreshDir("existing");
  const AppState source = Computed(RandomLayerWithBiases());
  std::ofstream(dir / "depthwise_conv.weight.npy") << "the user's own file";
  EXPECT_EQ(ExistingWeightFiles(source.doc, dir.string()),
            std::vector<std::string>{"depthwise_conv.weight.npy"});
  std::vector<std::string> written;
  const std::string why = ExportWeights(source.doc, dir.string(), false, &written).why();
  EXPECT_NE(why.find("already exists"), std::string::npos) << why;
  std::ifstream in(dir / "depthwise_conv.weight.npy");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "the user's own file");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  EXPECT_EQ(ExportWeights(source.doc, dir.string(), true, &written).why(), "");
  EXPECT_EQ(written.size(), 6u);
  // A folder inside a file cannot be made.
  std::ofstream(dir / "a_file") << "x";
  const std::string blocked =
      ExportWeights(source.doc, (dir / "a_file" / "w").string(), false, &written).why();
  EXPECT_NE(blocked.find("a_file/w: cannot create the folder"), std::string::npos) << blocked;
}

// Kernels tab > Export runs on the export worker: the same files, and a refusal comes
// back as the outcome's one line.
TEST(WeightFiles, TheExportWorkerWritesTheWeightsAndReportsARefusal) {
  const fs::path dir = FreshDir("worker");
  const AppState source = Computed(RandomLayerWithBiases());
  ExportJob job;
  auto wait = [&] {
    std::optional<ExportOutcome> done;
    while (!(done = job.TakeFinished())) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return *done;
  };
  job.StartWeights(source.doc.result, dir.string(), false);
  const ExportOutcome first = wait();
  ASSERT_TRUE(first.ok) << first.error;
  EXPECT_EQ(first.written.size(), 6u);
  EXPECT_TRUE(fs::exists(dir / "pointwise_conv.bias.npy"));
  job.StartWeights(source.doc.result, dir.string(), false);  // now they exist
  const ExportOutcome second = wait();
  EXPECT_FALSE(second.ok);
  EXPECT_FALSE(second.cancelled);
  EXPECT_NE(second.error.find("already exists"), std::string::npos) << second.error;
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 6);
}

}  // namespace
}  // namespace sepconv::app
