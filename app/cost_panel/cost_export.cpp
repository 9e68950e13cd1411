// CSV, PyTorch snippet and file saving for the cost panel; see cost_export.h.
#include "cost_panel/cost_export.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "atomic_write.h"
#include "cost.h"
#include "error.h"
#include "image_io.h"
#include "widgets/number_format.h"

namespace sepconv::app {
namespace {

std::string Cell(double v) {
  if (!std::isfinite(v)) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);  // enough digits to read back exactly
  return buffer;
}

// PyTorch's names for a padding mode: the Conv2d padding_mode and the pad module.
struct TorchPadding {
  const char* mode;
  const char* module;
};

TorchPadding TorchPaddingFor(sepconv::PadMode mode) {
  switch (mode) {
    case sepconv::PadMode::Zero:
      break;
    case sepconv::PadMode::Reflect:
      return {"reflect", "nn.ReflectionPad2d"};
    case sepconv::PadMode::Replicate:
      return {"replicate", "nn.ReplicationPad2d"};
  }
  return {"zeros", "nn.ZeroPad2d"};
}

const char* PyBool(bool b) {
  return b ? "True" : "False";
}

// nn.Conv2d's padding= pads both sides alike; an uneven 'same' padding (even Dk, or
// stride > 1) needs an explicit pad module in front of the convolution instead.
bool Symmetric(const sepconv::Padding& p) {
  return p.top == p.bottom && p.left == p.right;
}

std::string PaddingArg(const sepconv::Padding& p) {
  if (!Symmetric(p)) return "0";
  if (p.top == p.left) return std::to_string(p.top);
  return "(" + std::to_string(p.top) + ", " + std::to_string(p.left) + ")";
}

std::string PadModule(const sepconv::LayerSpec& spec, const sepconv::Padding& p) {
  return std::string(TorchPaddingFor(spec.pad_mode).module) + "((" + std::to_string(p.left) + ", " +
         std::to_string(p.right) + ", " + std::to_string(p.top) + ", " + std::to_string(p.bottom) +
         "))";
}

std::string SpatialConv(const sepconv::LayerSpec& spec, const sepconv::Padding& p, int in_c,
                        int out_c, int groups) {
  std::string s = "nn.Conv2d(" + std::to_string(in_c) + ", " + std::to_string(out_c) + ", " +
                  std::to_string(spec.dk) + ", stride=" + std::to_string(spec.stride) +
                  ", padding=" + PaddingArg(p) + ", dilation=" + std::to_string(spec.dilation) +
                  ", groups=" + std::to_string(groups) + ", bias=" + PyBool(spec.bias);
  if (Symmetric(p))
    s += std::string(", padding_mode='") + TorchPaddingFor(spec.pad_mode).mode + "'";
  return s + ")";
}

}  // namespace

std::string CountsCsv(const sepconv::LayerSpec& spec, int in_h, int in_w) {
  const sepconv::LayerCosts c = sepconv::layer_costs(spec, in_h, in_w);
  std::string csv =
      "path,dk,m,n,groups,depth_multiplier,stride,dilation,in_h,in_w,out_c,out_h,out_w,"
      "mults,flops,adds,params,bytes_read,bytes_written\n";
  const std::string layer = std::to_string(spec.dk) + "," + std::to_string(spec.m) + "," +
                            std::to_string(spec.n) + "," + std::to_string(spec.groups) + "," +
                            std::to_string(spec.depth_multiplier) + "," +
                            std::to_string(spec.stride) + "," + std::to_string(spec.dilation) +
                            "," + std::to_string(in_h) + "," + std::to_string(in_w);
  const std::pair<const char*, const sepconv::OpCost*> rows[] = {{"standard", &c.standard},
                                                                 {"depthwise", &c.depthwise},
                                                                 {"pointwise", &c.pointwise},
                                                                 {"separable", &c.separable}};
  for (const auto& [name, cost] : rows) {
    csv += std::string(name) + "," + layer + "," + std::to_string(cost->out.c) + "," +
           std::to_string(cost->out.h) + "," + std::to_string(cost->out.w) + "," +
           std::to_string(cost->mults) + "," + std::to_string(2 * cost->mults) + "," +
           std::to_string(cost->adds) + "," + std::to_string(cost->params) + "," +
           std::to_string(cost->bytes_read) + "," + std::to_string(cost->bytes_written) + "\n";
  }
  return csv;
}

std::string CurvesCsv(const CurveData& d) {
  std::string csv = std::string(CurveAxisName(d.axis)) +
                    ",standard_mults,depthwise_mults,pointwise_mults,separable_mults,"
                    "ratio_exact,ratio_identity\n";
  for (size_t i = 0; i < d.x.size(); ++i) {
    csv += Cell(d.x[i]) + "," + Cell(d.standard[i]) + "," + Cell(d.depthwise[i]) + "," +
           Cell(d.pointwise[i]) + "," + Cell(d.separable[i]) + "," + Cell(d.ratio_exact[i]) + "," +
           Cell(d.ratio_identity[i]) + "\n";
  }
  return csv;
}

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool row_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        field += ch;
      }
      continue;
    }
    if (ch == '"') {
      quoted = true;
      row_started = true;
    } else if (ch == ',') {
      row.push_back(field);
      field.clear();
      row_started = true;
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      row_started = false;
    } else {
      field += ch;
      row_started = true;
    }
  }
  if (row_started) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

std::string PyTorchSnippet(const sepconv::LayerSpec& spec, int in_h, int in_w) {
  const sepconv::LayerCosts c = sepconv::layer_costs(spec, in_h, in_w);
  const sepconv::Padding p = sepconv::standard_params(spec, in_h, in_w).padding;
  const int mk = spec.m * spec.depth_multiplier;
  const std::string input = std::to_string(in_h) + " x " + std::to_string(in_w);
  std::string s;
  s += "# SepConv Lab layer: Dk=" + std::to_string(spec.dk) + ", M=" + std::to_string(spec.m) +
       ", N=" + std::to_string(spec.n) + ", stride " + std::to_string(spec.stride) + ", dilation " +
       std::to_string(spec.dilation) + ", padding " + sepconv::to_string(spec.pad_policy) + " (" +
       sepconv::to_string(spec.pad_mode) + ") on a " + input + " input\n";
  s += "import torch\nimport torch.nn as nn\n\n";
  if (spec.flip_kernel) {
    s += "# The app showed true convolution (kernel flipped); PyTorch cross-correlates, so\n"
         "# flip loaded weights with torch.flip(w, dims=[2, 3]) to get the same output.\n";
  }
  const bool uneven = !Symmetric(p);
  if (uneven) {
    s += "# The padding is uneven (top " + std::to_string(p.top) + ", bottom " +
         std::to_string(p.bottom) + ", left " + std::to_string(p.left) + ", right " +
         std::to_string(p.right) +
         "): nn.Conv2d pads both sides alike, so a pad module "
         "goes first.\n";
  }
  s += "# Standard: " + FormatThousands(c.standard.mults) + " multiplications, " +
       FormatThousands(c.standard.params) + " parameters\n";
  const std::string standard = SpatialConv(spec, p, spec.m, spec.n, spec.groups);
  if (uneven) {
    s += "standard = nn.Sequential(\n    " + PadModule(spec, p) + ",\n    " + standard + ",\n)\n\n";
  } else {
    s += "standard = " + standard + "\n\n";
  }
  s += "# Depthwise separable: " + FormatThousands(c.depthwise.mults) + " + " +
       FormatThousands(c.pointwise.mults) + " = " + FormatThousands(c.separable.mults) +
       " multiplications, " + FormatThousands(c.separable.params) + " parameters\n";
  if (spec.depth_multiplier != 1) {
    s += "# depth multiplier K = " + std::to_string(spec.depth_multiplier) +
         ": the depthwise layer makes M*K = " + std::to_string(mk) + " channels\n";
  }
  s += "separable = nn.Sequential(\n";
  if (uneven) s += "    " + PadModule(spec, p) + ",\n";
  s += "    " + SpatialConv(spec, p, spec.m, mk, spec.m) + ",  # depthwise\n";
  s += "    nn.Conv2d(" + std::to_string(mk) + ", " + std::to_string(spec.n) +
       ", 1, bias=" + PyBool(spec.bias) + "),  # pointwise\n)\n\n";
  s += "x = torch.randn(1, " + std::to_string(spec.m) + ", " + std::to_string(in_h) + ", " +
       std::to_string(in_w) + ")\n";
  s += "assert standard(x).shape == separable(x).shape == (1, " + std::to_string(spec.n) + ", " +
       std::to_string(c.standard.out.h) + ", " + std::to_string(c.standard.out.w) + ")\n";
  s += "assert sum(p.numel() for p in standard.parameters()) == " +
       std::to_string(c.standard.params) + "\n";
  s += "assert sum(p.numel() for p in separable.parameters()) == " +
       std::to_string(c.separable.params) + "\n";
  return s;
}

SaveOutcome SaveTextFile(const std::string& path, const std::string& text, bool overwrite,
                         std::string* message) {
  if (path.empty()) {
    *message = "Type a file name first.";
    return SaveOutcome::Failed;
  }
  std::error_code ec;
  if (!overwrite && std::filesystem::exists(path, ec)) {
    *message = path + " already exists.";
    return SaveOutcome::AlreadyExists;
  }
  try {
    sepconv::write_file_atomically(path, text);
  } catch (const sepconv::Error& e) {
    *message = e.what();
    return SaveOutcome::Failed;
  }
  *message =
      "Saved " + path + " (" + FormatThousands(static_cast<int64_t>(text.size())) + " bytes).";
  return SaveOutcome::Saved;
}

}  // namespace sepconv::app
