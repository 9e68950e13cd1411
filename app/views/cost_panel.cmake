# The cost panel's sources (views/cost_*, widgets/*; fit_text and theme serve the other
# views too) for whichever library builds the app's views; include() this file and add
# SEPCONV_COST_PANEL_SOURCES to that target.
# They need ImGui (with imgui_stdlib), sepconv::core, and app/ on the include path.
set(SEPCONV_COST_PANEL_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cost_panel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cost_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cost_curves.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cost_timing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cost_export.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../widgets/number_format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../widgets/plot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../widgets/fit_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../widgets/marked_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../widgets/theme.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../widgets/app_fonts.cpp
)
