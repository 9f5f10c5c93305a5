// Reads the text back from a PDF made by pdfkit with plain streams (`compress: false`), for the tests.

/** The text of a PDF made with plain streams: every TJ's glyphs through the ToUnicode map, in drawing order. */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const map = new Map<number, string>();
  for (const block of raw.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const range of (block[1] as string).matchAll(/<([0-9a-f]+)>\s*<[0-9a-f]+>\s*\[([^\]]*)\]/gi)) {
      let code = Number.parseInt(range[1] as string, 16);
      for (const entry of (range[2] as string).matchAll(/<([0-9a-f ]+)>/gi)) {
        const units = (entry[1] as string).split(' ').map((h) => Number.parseInt(h, 16));
        map.set(code++, String.fromCharCode(...units));
      }
    }
  const out: string[] = [];
  for (const tj of raw.matchAll(/\[([^\]]*)\] TJ/g)) {
    const glyphs: string[] = [];
    for (const hex of (tj[1] as string).matchAll(/<([0-9a-f]*)>/gi))
      for (let i = 0; i < (hex[1] as string).length; i += 4)
        glyphs.push(map.get(Number.parseInt((hex[1] as string).slice(i, i + 4), 16)) ?? '\ufffd');
    // A right-to-left run is laid out reversed by the font: read it back in logical order.
    if (glyphs.some((g) => /[\u0600-\u06ff]/.test(g))) glyphs.reverse();
    out.push(glyphs.join(''));
  }
  return out.join(' ');
}
