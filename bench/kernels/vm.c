/* A dispatch loop: a tiny stack-based bytecode VM with a switch (compiled to br_table). The
 * program sums a pseudo-random walk with branches and a small call-free loop body. Each unit runs
 * the program once with a different input. */
enum { PUSH, LOAD, STORE, ADD, SUB, MUL, XOR, SHR, AND, DUP, JNZ, JMP, DEC, HALT };

/* r0 = input, r1 = acc, r2 = counter */
static const int program[] = {
  PUSH, 3000, STORE, 2,            /* counter = 3000 */
  /* loop: 4 */
  LOAD, 0, PUSH, 1103515245, MUL, PUSH, 12345, ADD, DUP, STORE, 0,   /* x = x*a + c */
  PUSH, 16, SHR, PUSH, 255, AND,                                     /* (x >> 16) & 255 */
  LOAD, 1, XOR, PUSH, 3, MUL, STORE, 1,                              /* acc = (acc ^ b) * 3 */
  LOAD, 1, PUSH, 1, AND, JNZ, 43,                                    /* if acc odd skip */
  LOAD, 1, PUSH, 7, SUB, STORE, 1,                                   /* acc -= 7 */
  /* 43: */
  LOAD, 2, DEC, DUP, STORE, 2, JNZ, 4,
  LOAD, 1, HALT,
};

static int exec(const int *code, int input) {
  int stack[16];
  int regs[3] = {input, 0, 0};
  int sp = 0, pc = 0;
  for (;;) {
    switch (code[pc++]) {
      case PUSH: stack[sp++] = code[pc++]; break;
      case LOAD: stack[sp++] = regs[code[pc++]]; break;
      case STORE: regs[code[pc++]] = stack[--sp]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
      case SHR: sp--; stack[sp - 1] = (int)((unsigned)stack[sp - 1] >> stack[sp]); break;
      case AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case JNZ: { int t = code[pc++]; if (stack[--sp]) pc = t; break; }
      case JMP: pc = code[pc]; break;
      case DEC: stack[sp - 1]--; break;
      case HALT: return stack[sp - 1];
      default: return -1;
    }
  }
}

__attribute__((export_name("run")))
unsigned run(int units) {
  unsigned sum = 0;
  for (int u = 0; u < units; u++) sum = sum * 31u + (unsigned)exec(program, u);
  return sum;
}
