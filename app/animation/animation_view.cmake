# The animation tab's drawing code (ImGui only), compiled into sepconv_app_views.
set(SEPCONV_ANIMATION_VIEW_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/animation_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/animation_rows.cpp
  ${CMAKE_CURRENT_LIST_DIR}/animation_detail.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stack_view.cpp
)
