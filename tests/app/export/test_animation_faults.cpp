// The export against the disk refusing: a read-only folder and a full disk (tmpfs mounts
// in a private mount namespace, private_mount.h) give one line naming the file and the
// system's reason, and leave the folder as it was.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "error.h"
#include "export/animation_writer.h"
#include "export_test_util.h"
#include "private_mount.h"

namespace sepconv::testing {
namespace {

namespace fs = std::filesystem;
using app::AnimationSpec;
using app::AnimationWriter;

// "" when `m` is one line holding `path` and `reason`, else what is wrong.
std::string CheckMessage(const std::string& m, const std::string& path, const std::string& reason) {
  if (m.find(path) == std::string::npos) return "the message does not name " + path + ": " + m;
  if (m.find(reason) == std::string::npos) return "the message does not say " + reason + ": " + m;
  if (m.find('\n') != std::string::npos) return "the message is not one line: " + m;
  return "";
}

std::string ListingText(const fs::path& dir) {
  std::string out;
  for (const auto& n : Listing(dir)) out += n + " ";
  return out;
}

class ExportFaults : public ::testing::TestWithParam<const char*> {};

TEST_P(ExportFaults, ReadOnlyFolderGivesTheReasonAndLeavesNothing) {
  TempFolder dir;
  const fs::path ro = dir.path() / "readonly";
  fs::create_directory(ro);
  const std::string path = (ro / GetParam()).string();
  auto body = [&]() -> std::string {
    try {
      AnimationWriter writer(AnimationSpec{path, 64, 48, 10});
      const auto f = MovingSquareFrame(64, 48, 0, 1);
      writer.AddFrame(f.data(), 64 * 4);
      writer.Finish();
      return "the export into a read-only folder succeeded";
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::FileWrite) return std::string("wrong kind: ") + e.what();
      std::string bad = CheckMessage(e.what(), path, "Read-only file system");
      if (!bad.empty()) return bad;
    }
    if (!Listing(ro).empty()) return "left behind: " + ListingText(ro);
    return "";
  };
  const auto report = RunOnTmpfs(ro.string(), "ro,size=64k", body);
  ASSERT_TRUE(report)
      << "no private mount namespace (unshare) on this machine: the fault test cannot run";
  EXPECT_EQ(*report, "");
}

TEST_P(ExportFaults, FullDiskGivesTheReasonAndLeavesOnlyWhatWasThere) {
  TempFolder dir;
  const fs::path full = dir.path() / "full";
  fs::create_directory(full);
  const std::string path = (full / GetParam()).string();
  auto body = [&]() -> std::string {
    // 768 KiB of the 1 MiB disk taken: the header fits, the frames do not.
    {
      std::ofstream filler(full / "filler", std::ios::binary);
      const std::string block(1024, 'x');
      for (int i = 0; i < 768; ++i) filler << block;
    }
    const auto before = Listing(full);
    try {
      AnimationWriter writer(AnimationSpec{path, 320, 240, 10});
      for (int i = 0; i < 200; ++i) {
        const auto f = NoiseFrame(320, 240, static_cast<unsigned>(i));
        writer.AddFrame(f.data(), 320 * 4);
      }
      writer.Finish();
      return "200 noise frames fitted in 256 KiB";
    } catch (const Error& e) {
      std::string bad = CheckMessage(e.what(), path, "No space left on device");
      if (!bad.empty()) return bad;
    }
    if (Listing(full) != before) return "left behind: " + ListingText(full);
    if (fs::file_size(full / "filler") != 768u * 1024u) return "the filler changed";
    return "";
  };
  const auto report = RunOnTmpfs(full.string(), "size=1m", body);
  ASSERT_TRUE(report)
      << "no private mount namespace (unshare) on this machine: the fault test cannot run";
  EXPECT_EQ(*report, "");
}

INSTANTIATE_TEST_SUITE_P(
    Formats, ExportFaults, ::testing::Values("a.mp4", "a.gif", "pngs"), [](const auto& info) {
      return std::string(info.index == 0 ? "Mp4" : info.index == 1 ? "Gif" : "PngSequence");
    });

}  // namespace
}  // namespace sepconv::testing
