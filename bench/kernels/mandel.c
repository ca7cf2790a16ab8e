/* f64 arithmetic: Mandelbrot escape counts. Each unit renders a 48x48 tile (the view shifts a
 * little per unit) with up to 200 iterations per point. */
__attribute__((export_name("run")))
unsigned run(int units) {
  unsigned sum = 0;
  for (int u = 0; u < units; u++) {
    double cx0 = -2.0 + (u & 15) * 0.001, cy0 = -1.2 + (u & 7) * 0.0007;
    for (int py = 0; py < 48; py++) {
      for (int px = 0; px < 48; px++) {
        double cr = cx0 + px * (2.6 / 48), ci = cy0 + py * (2.4 / 48);
        double zr = 0, zi = 0;
        int it = 0;
        while (it < 200 && zr * zr + zi * zi <= 4.0) {
          double t = zr * zr - zi * zi + cr;
          zi = 2.0 * zr * zi + ci;
          zr = t;
          it++;
        }
        sum = sum * 33u + (unsigned)it;
      }
    }
  }
  return sum;
}
