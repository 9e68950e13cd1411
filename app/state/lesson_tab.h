// The tabs of the lesson area (bottom right), in their order.
#pragma once

namespace sepconv::app {

enum class LessonTab { None = -1, Costs, Animation, Kernels };

}  // namespace sepconv::app
