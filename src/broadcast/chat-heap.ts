// The chats that have something to send and are not waiting on a request, earliest-allowed first.
// A binary heap keeps picking the next chat O(log n) for jobs of many thousands of recipients; ties are
// broken by insertion order so recipients are served in job order and a re-queued chat goes to the back.

export interface ChatEntry {
  chatId: string;
  /** Earliest moment (ms) this chat may receive its next message. */
  notBefore: number;
}

interface Node<T> {
  entry: T;
  seq: number;
}

export class ChatHeap<T extends ChatEntry> {
  private nodes: Node<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.nodes.length;
  }

  peek(): T | undefined {
    return this.nodes[0]?.entry;
  }

  push(entry: T): void {
    this.nodes.push({ entry, seq: this.seq++ });
    this.up(this.nodes.length - 1);
  }

  pop(): T | undefined {
    const top = this.nodes[0];
    const last = this.nodes.pop();
    if (top && last && this.nodes.length > 0) {
      this.nodes[0] = last;
      this.down(0);
    }
    return top?.entry;
  }

  clear(): T[] {
    const all = this.nodes.map((n) => n.entry);
    this.nodes = [];
    return all;
  }

  private less(a: number, b: number): boolean {
    const x = this.nodes[a]!;
    const y = this.nodes[b]!;
    return x.entry.notBefore < y.entry.notBefore || (x.entry.notBefore === y.entry.notBefore && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const t = this.nodes[a]!;
    this.nodes[a] = this.nodes[b]!;
    this.nodes[b] = t;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.nodes.length && this.less(l, m)) m = l;
      if (r < this.nodes.length && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
