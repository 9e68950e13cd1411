// The main() of a fuzz target in builds without libFuzzer (gcc, or SEPCONV_FUZZ off): feeds
// every file of the given folders (and any file named directly) to LLVMFuzzerTestOneInput
// once, so ctest replays the seed corpus and the regressions on every build.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <vector>

#include "fuzz_support.h"

namespace fs = std::filesystem;

namespace {

// Each input in a buffer of exactly its size, so a sanitizer build sees a read past its end.
void replay(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::vector<char> bytes(std::istreambuf_iterator<char>(in), {});
  std::unique_ptr<uint8_t[]> data(new uint8_t[std::max<size_t>(bytes.size(), 1)]);
  std::copy(bytes.begin(), bytes.end(), data.get());
  LLVMFuzzerTestOneInput(data.get(), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  int replayed = 0;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    std::vector<fs::path> files;
    if (fs::is_directory(arg)) {
      for (const auto& entry : fs::directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
    } else if (fs::is_regular_file(arg)) {
      files.push_back(arg);
    } else {
      std::cerr << argv[0] << ": " << arg.string() << ": no such file or folder\n";
      return 2;
    }
    for (const fs::path& file : files) {
      // Named first, so the last line before a crash is the input that caused it.
      std::cout << "replaying " << file.string() << std::endl;
      replay(file);
      ++replayed;
    }
  }
  std::cout << "replayed " << replayed << " inputs\n";
  // An empty corpus would pass without testing anything.
  return replayed > 0 ? 0 : 1;
}
