import { useState } from '../vendor/hooks.mjs';
import { html } from './html.js';

/**
 * Runs a call to the API and keeps its refusal as "CODE: message" until the next call; `call` resolves
 * with `{ answer }` (an empty answer is null), or undefined when refused.
 */
export function useApiCall() {
  const [problem, setProblem] = useState();
  const call = async (work) => {
    setProblem(undefined);
    try {
      return { answer: await work() };
    } catch (error) {
      setProblem(`${error.code}: ${error.message}`);
      return undefined;
    }
  };
  return { problem, call };
}

/** The refusal of the last call, announced to screen readers. */
export const Problem = ({ problem, inline = false }) => {
  if (!problem) return null;
  return inline ? html` <span class="error" role="alert">${problem}</span>` : html`<p class="error" role="alert">${problem}</p>`;
};
