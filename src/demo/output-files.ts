// Writes the demo's files into the output directory and remembers each one with a line saying what it
// is, for the summary printed at the end.
import fs from "node:fs";
import path from "node:path";

export interface WrittenFile {
  path: string;
  what: string;
  bytes: number;
}

export interface OutputWriter {
  readonly dir: string;
  readonly files: WrittenFile[];
  text(name: string, content: string, what: string): string;
  png(name: string, content: Buffer, what: string): string;
}

export function createOutputWriter(dir: string): OutputWriter {
  const abs = path.resolve(dir);
  fs.mkdirSync(abs, { recursive: true });
  const files: WrittenFile[] = [];
  const write = (name: string, content: string | Buffer, what: string) => {
    const file = path.join(abs, name);
    fs.writeFileSync(file, content);
    files.push({ path: file, what, bytes: Buffer.byteLength(content) });
    return file;
  };
  return {
    dir: abs,
    files,
    text: (name, content, what) => write(name, content.endsWith("\n") ? content : `${content}\n`, what),
    png: (name, content, what) => write(name, content, what),
  };
}
