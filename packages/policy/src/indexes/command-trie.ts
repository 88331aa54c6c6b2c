import type { ListCollector } from './list-collector';

/**
 * A trie over command argument arrays. A pattern matches an exact argument array, or, when its
 * last element is `"**"`, any array that starts with the arguments before it.
 */
class CommandTrieNode<T> {
  children: Map<string, CommandTrieNode<T>> | null = null;
  exact: T[] | null = null;
  rest: T[] | null = null;
}

export class CommandTrie<T> {
  private readonly root = new CommandTrieNode<T>();

  add(command: readonly string[], value: T): void {
    const open = command[command.length - 1] === '**';
    const fixed = open ? command.length - 1 : command.length;
    let node = this.root;
    for (let index = 0; index < fixed; index++) {
      const argument = command[index] ?? '';
      node.children ??= new Map();
      let next = node.children.get(argument);
      if (next === undefined) {
        next = new CommandTrieNode<T>();
        node.children.set(argument, next);
      }
      node = next;
    }
    const key = open ? 'rest' : 'exact';
    const list = node[key] ?? [];
    if (list[list.length - 1] !== value) list.push(value);
    node[key] = list;
  }

  collect(command: readonly string[], out: ListCollector<T>): void {
    let node: CommandTrieNode<T> | undefined = this.root;
    for (let index = 0; ; index++) {
      if (node.rest !== null) out.add(node.rest);
      if (index === command.length) {
        if (node.exact !== null) out.add(node.exact);
        return;
      }
      node = node.children?.get(command[index] ?? '');
      if (node === undefined) return;
    }
  }
}
