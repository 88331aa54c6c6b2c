import ts from 'typescript';

export type ServerDirectives = {
  /** The file starts with 'use server': every export is a server action Next.js serves. */
  fileLevel: boolean;
  /** Functions whose body starts with 'use server' (inline server actions), by line. */
  inlineLines: number[];
};

/**
 * Where a module's source declares server actions, read from its syntax tree (directives are
 * statements in a prologue, so a string that merely contains the words does not count).
 */
export function findServerDirectives({
  fileName,
  source,
}: {
  fileName: string;
  source: string;
}): ServerDirectives {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const inlineLines: number[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body)) {
      if (hasUseServer(node.body.statements)) {
        inlineLines.push(file.getLineAndCharacterOfPosition(node.getStart()).line + 1);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  return { fileLevel: hasUseServer(file.statements), inlineLines };
}

function hasUseServer(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) {
      return false;
    }
    if (statement.expression.text === 'use server') return true;
  }
  return false;
}
