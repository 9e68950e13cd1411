// CLI11 registration of the layer option table; see layer_flags.h.
#include "flags/layer_flags.h"

#include <iostream>

#include "layer_options.h"

namespace sepconv::flags {

void AddLayerFlags(CLI::App& app, LayerChoice& choice) {
  for (const LayerOption& option : layer_options()) {
    const LayerOption* o = &option;
    if (!o->value_name) {
      app.add_flag_callback(
          o->name, [o, &choice] { o->apply(choice, ""); }, o->help);
      continue;
    }
    app.add_option_function<std::string>(
           o->name,
           [o, &choice](const std::string& text) {
             const std::string why = o->apply(choice, text);
             if (!why.empty()) throw CLI::ValidationError(why);
           },
           o->help)
        ->type_name(o->value_name)
        ->default_str(default_text(*o));
  }
}

const char* Version() {
  return SEPCONV_VERSION;
}

void AddVersionFlag(CLI::App& app, const char* program) {
  app.set_version_flag("--version", std::string(program) + " " + Version(),
                       "print the version and exit");
}

int FailCommandLine(const char* program, const std::string& message) {
  std::cerr << program << ": " << message << "\n";
  return 2;
}

int ParseCommandLine(CLI::App& app, int argc, char** argv, const char* program) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    return FailCommandLine(program, std::string(e.what()) + " (see --help)");
  }
  return -1;
}

}  // namespace sepconv::flags
