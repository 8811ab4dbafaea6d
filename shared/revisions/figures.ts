import type { FigureFinder } from './types.js';

/**
 * Where figure tokens come from when the caller names no finder. The claim
 * engine (shared/claims `detectClaims`) is wired in here once it lands.
 */
export const defaultFigureFinder: FigureFinder = () => [];
