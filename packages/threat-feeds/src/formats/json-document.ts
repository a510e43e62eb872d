/** Parses a JSON feed (a leading BOM allowed), or throws one clear error naming the format. */
export function parseJsonDocument(text: string, format: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new Error(`${format} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
