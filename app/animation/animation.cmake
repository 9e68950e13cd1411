# sepconv_app_animation: the animation model (clock, positions, traces). No GL or ImGui,
# so it is tested without a window.
add_library(sepconv_app_animation STATIC ${CMAKE_CURRENT_LIST_DIR}/animation_model.cpp
                                         ${CMAKE_CURRENT_LIST_DIR}/animation_crop.cpp
                                         ${CMAKE_CURRENT_LIST_DIR}/animation_script.cpp
                                         ${CMAKE_CURRENT_LIST_DIR}/animation_range.cpp
                                         ${CMAKE_CURRENT_LIST_DIR}/spatial_walk.cpp)
target_include_directories(sepconv_app_animation PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(sepconv_app_animation PUBLIC sepconv_app_state)
