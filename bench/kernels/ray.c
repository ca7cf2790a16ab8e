/* Application-shaped code: a small ray tracer. Structs passed and returned through memory (stack
 * frames through the __stack_pointer global), shapes dispatched through function pointers
 * (call_indirect), a bump allocator that grows memory (each unit builds its own scene; each run
 * starts the heap afresh, so memory grows up to the largest run and then stays), recursion for
 * reflections, f64 math with sqrt. Each unit renders a 96x64 image of a 12-shape scene. */
typedef struct { double x, y, z; } vec;
typedef struct shape shape;
typedef struct { double t; vec n; const shape *s; } hit;
struct shape { int (*intersect)(const shape *, const vec *o, const vec *d, hit *h); vec c; double r; vec col; double refl; };

static unsigned char *heap_top;
extern unsigned char __heap_base;
static void *alloc(unsigned n) {
  unsigned char *p = heap_top;
  heap_top += (n + 7) & ~7u;
  unsigned need = (unsigned)(unsigned long)heap_top;
  unsigned have = __builtin_wasm_memory_size(0) * 65536u;
  if (need > have) __builtin_wasm_memory_grow(0, (need - have + 65535) / 65536);
  return p;
}

static vec v(double x, double y, double z) { vec r = { x, y, z }; return r; }
static vec add(vec a, vec b) { return v(a.x + b.x, a.y + b.y, a.z + b.z); }
static vec sub(vec a, vec b) { return v(a.x - b.x, a.y - b.y, a.z - b.z); }
static vec mul(vec a, double k) { return v(a.x * k, a.y * k, a.z * k); }
static double dot(vec a, vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static vec norm(vec a) { return mul(a, 1.0 / __builtin_sqrt(dot(a, a))); }

__attribute__((noinline)) static int sphere(const shape *s, const vec *o, const vec *d, hit *h) {
  vec oc = sub(*o, s->c);
  double b = dot(oc, *d), c = dot(oc, oc) - s->r * s->r, disc = b * b - c;
  if (disc < 0) return 0;
  double t = -b - __builtin_sqrt(disc);
  if (t < 1e-6 || t > h->t) return 0;
  h->t = t; h->n = norm(sub(add(*o, mul(*d, t)), s->c)); h->s = s;
  return 1;
}
__attribute__((noinline)) static int plane(const shape *s, const vec *o, const vec *d, hit *h) {
  double den = dot(*d, s->c);
  if (den > -1e-9 && den < 1e-9) return 0;
  double t = (s->r - dot(*o, s->c)) / den;
  if (t < 1e-6 || t > h->t) return 0;
  h->t = t; h->n = s->c; h->s = s;
  return 1;
}

static shape **scene; static int nshapes;

__attribute__((noinline)) static vec trace(vec o, vec d, int depth) {
  hit h = { 1e30, { 0, 0, 0 }, 0 };
  for (int i = 0; i < nshapes; i++) scene[i]->intersect(scene[i], &o, &d, &h);
  if (!h.s) return v(0.2, 0.3, 0.5);
  vec p = add(o, mul(d, h.t));
  vec l = norm(v(-1, 2, -1));
  double diff = dot(h.n, l); if (diff < 0) diff = 0;
  hit sh = { 1e30, { 0, 0, 0 }, 0 };
  vec po = add(p, mul(h.n, 1e-4));
  for (int i = 0; i < nshapes; i++) if (scene[i]->intersect(scene[i], &po, &l, &sh)) break;
  if (sh.s) diff *= 0.3;
  vec col = mul(h.s->col, 0.1 + 0.9 * diff);
  if (depth < 3 && h.s->refl > 0) {
    vec r = sub(d, mul(h.n, 2 * dot(d, h.n)));
    col = add(mul(col, 1 - h.s->refl), mul(trace(po, r, depth + 1), h.s->refl));
  }
  return col;
}

static void build(unsigned seed) {
  nshapes = 12;
  scene = alloc(sizeof(shape *) * nshapes);
  for (int i = 0; i < nshapes; i++) {
    shape *s = alloc(sizeof(shape) + 4096); /* padding: the heap (and memory) keeps growing */
    seed = seed * 1103515245u + 12345u;
    double a = (seed >> 8) % 1000 / 1000.0;
    if (i == 0) { s->intersect = plane; s->c = v(0, 1, 0); s->r = -1; s->col = v(0.8, 0.8, 0.8); s->refl = 0.2; }
    else { s->intersect = sphere; s->c = v(-3 + 6 * a, -0.5 + i % 3, 4 + i % 5); s->r = 0.3 + 0.1 * (i % 4);
           s->col = v(a, 1 - a, 0.5); s->refl = (i % 3) * 0.3; }
    scene[i] = s;
  }
}

__attribute__((export_name("run")))
unsigned run(int units) {
  unsigned sum = 0;
  heap_top = &__heap_base;
  for (int u = 0; u < units; u++) {
    build(u + 1);
    const int W = 96, H = 64;
    for (int y = 0; y < H; y++)
      for (int x = 0; x < W; x++) {
        vec d = norm(v((x - W / 2) / (double)H, (H / 2 - y) / (double)H, 1));
        vec c = trace(v(0, 0, -1), d, 0);
        sum = sum * 31u + (unsigned)(c.x * 255) + (unsigned)(c.y * 255) * 7u + (unsigned)(c.z * 255) * 13u;
      }
  }
  return sum;
}
