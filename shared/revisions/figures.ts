import { detectClaims } from '../claims/index.js';
import type { FigureFinder } from './types.js';

/** Figure tokens come from the claim engine, so the diff and the claim list agree on what a figure is. */
export const defaultFigureFinder: FigureFinder = (text) => detectClaims(text);
