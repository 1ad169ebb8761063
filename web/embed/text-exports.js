// A matrix as text a reader pastes elsewhere: CSV, a LaTeX bmatrix, a Markdown table.
// Numbers as the engine computed them; no DOM.
import { formatNumber, formatFloat32 } from '../widgets/format.js';

const csvCell = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * CSV with a header row of column labels and a first column of row labels; each number in the shortest text
 * that reads back to the same float32 the engine used (5.3, not 5.300000190734863).
 */
export function toCSV(mat) {
  const lines = [['', ...mat.colLabels].map(csvCell).join(',')];
  mat.rows.forEach((row, r) =>
    lines.push([csvCell(String(mat.rowLabels[r] ?? r + 1)), ...row.map(formatFloat32)].join(',')),
  );
  return lines.join('\n') + '\n';
}

const latexNumber = (x) =>
  x === -Infinity ? '-\\infty' : x === Infinity ? '\\infty' : formatNumber(x).replace('\u2212', '-');

/** A LaTeX bmatrix (amsmath). */
export function toLatex(mat) {
  const body = mat.rows.map((row) => '  ' + row.map(latexNumber).join(' & ')).join(' \\\\\n');
  return `\\begin{bmatrix}\n${body}\n\\end{bmatrix}\n`;
}

const mdCell = (s) => String(s).replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);

// Files take an ASCII minus: U+2212 does not read back as a number, in a spreadsheet or in code.
const asciiNumber = (x) => formatNumber(x).replace(/\u2212/g, '-');

/** A Markdown (GFM) table with the row and column labels. */
export function toMarkdown(mat) {
  const head = `| ${mdCell(mat.name)} | ${mat.colLabels.map(mdCell).join(' | ')} |`;
  const rule = `|---|${mat.colLabels.map(() => '---:').join('|')}|`;
  const rows = mat.rows.map(
    (row, r) => `| ${mdCell(mat.rowLabels[r] ?? r + 1)} | ${row.map(asciiNumber).join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n') + '\n';
}
