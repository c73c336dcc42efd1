/** The shape every translation must have: the same keys as the Chinese original, every value a string. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
