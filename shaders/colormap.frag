// One channel (R32F) to colour: the sequential map for image data in [0,1], or the
// diverging map over [-range, +range] (zero white, negatives never clamped to zero).
#version 330 core
in vec2 uv;
out vec4 colour;
uniform sampler2D channel;
uniform bool diverging;
uniform float range;
uniform vec3 stops[5];  // set from app/views/colormap.h, the same stops as the legend

vec3 sample_stops(float t) {
  t = clamp(t, 0.0, 1.0) * 4.0;
  int i = min(int(t), 3);
  return mix(stops[i], stops[i + 1], t - float(i));
}

void main() {
  float v = texture(channel, uv).r;
  float t = diverging ? 0.5 + 0.5 * v / range : v;
  colour = vec4(sample_stops(t), 1.0);
}
