// One triangle covering the viewport; the colour-map passes draw into a channel-sized
// texture with it. uv runs 0..1 over the viewport in texture orientation.
#version 330 core
out vec2 uv;
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  uv = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
