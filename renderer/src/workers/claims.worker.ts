/// <reference lib="webworker" />
/**
 * Scans a whole article for claims off the main thread: on a 1 MB text it
 * takes longer than a frame, and the editor must show the text and take
 * keys meanwhile. Edits after that are followed line by line in the editor.
 */
import { detectLines } from '../../../shared/claims/index.js';
import { encodeDetection, transferables, type DetectionRequest } from './claims-transfer.js';

self.onmessage = (e: MessageEvent<DetectionRequest>) => {
  const { seq, text, dollarCurrency } = e.data;
  const { lines, claims } = detectLines(text, dollarCurrency ? { dollarCurrency } : {});
  const encoded = encodeDetection(seq, text, lines, claims);
  self.postMessage(encoded, transferables(encoded));
};
