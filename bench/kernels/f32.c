/* f32 arithmetic over memory (graphics, audio, ML shapes): saxpy, a dot product and a 4x4 matrix
 * transform of float vertices, every value a float in memory. Each unit runs the three loops once
 * over 16K floats (64K for the vertices). */
#define N 16384
static float xs[N], ys[N], vs[N * 4];
__attribute__((export_name("run")))
unsigned run(int units) {
  float acc = 0;
  for (int i = 0; i < N; i++) { xs[i] = (float)(i % 97) * 0.25f; ys[i] = (float)(i % 31) - 7.5f; }
  for (int i = 0; i < N * 4; i++) vs[i] = (float)(i % 13) * 0.5f;
  const float m[16] = { 0.9f, 0.1f, 0, 1, -0.1f, 0.9f, 0.2f, 2, 0, -0.2f, 0.95f, 3, 0, 0, 0, 1 };
  for (int u = 0; u < units; u++) {
    float a = 0.5f + (u & 7) * 0.125f;
    for (int i = 0; i < N; i++) ys[i] = a * xs[i] + ys[i] * 0.5f;
    float d = 0;
    for (int i = 0; i < N; i++) d += xs[i] * ys[i];
    for (int i = 0; i < N * 4; i += 4) {
      float x = vs[i], y = vs[i + 1], z = vs[i + 2], w = vs[i + 3];
      vs[i] = (m[0] * x + m[1] * y + m[2] * z + m[3] * w) * 0.5f;
      vs[i + 1] = (m[4] * x + m[5] * y + m[6] * z + m[7] * w) * 0.5f;
      vs[i + 2] = (m[8] * x + m[9] * y + m[10] * z + m[11] * w) * 0.5f;
      vs[i + 3] = w;
    }
    acc += d * 1e-6f + vs[u & (N * 4 - 1)];
  }
  return (unsigned)(acc * 1000.0f);
}
