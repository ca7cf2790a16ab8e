/** Which kind of construct a control frame of the code validator is. */
export const Kind = {
  Func: 0, Block: 1, Loop: 2, If: 3, Else: 4, Try: 5, Catch: 6, CatchAll: 7, TryTable: 8,
} as const;
export type Kind = typeof Kind[keyof typeof Kind];
