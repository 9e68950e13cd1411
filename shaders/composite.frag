// The loaded image as the eye sees it: three R32F channels as RGB, or one as grey.
#version 330 core
in vec2 uv;
out vec4 colour;
uniform sampler2D red;
uniform sampler2D green;
uniform sampler2D blue;
uniform bool grey;

void main() {
  float r = texture(red, uv).r;
  vec3 c = grey ? vec3(r) : vec3(r, texture(green, uv).r, texture(blue, uv).r);
  colour = vec4(clamp(c, 0.0, 1.0), 1.0);
}
