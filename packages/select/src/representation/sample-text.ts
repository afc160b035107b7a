/** The text a sample is represented and searched by: plain text, or a pair's prompt and response. */
export function sampleText(sample: { text: string; response: string | null }): string {
  return sample.response === null ? sample.text : `${sample.text}\n\n${sample.response}`;
}
