import { classifySql, type SqlDialect } from '@berth/security';
import type { Plan } from '../framework/tool-spec.js';

const DIALECT: Readonly<Record<string, SqlDialect>> = {
  postgres: 'postgres',
  mysql: 'mysql',
  sqlite: 'sqlite',
};

export interface ExecRiskInput {
  kind: string;
  /** Container id: a token is bound to this very database. */
  container: string;
  database?: string | undefined;
  statement: string;
  /** Masks the statement shown in the plan (it may quote a password the masker knows). */
  mask: (text: string) => string;
}

const clipped = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The confirmation a write needs, as a plan, or undefined when it needs none. SQL goes by
 * the classifier: a statement it calls dangerous (DROP, TRUNCATE, DELETE or UPDATE without
 * WHERE, text it cannot read) is shown and confirmed. A redis or mongo command cannot be
 * classified that way, so every one is confirmed.
 */
export function execRisk(input: ExecRiskInput): Plan | undefined {
  const where = `${input.kind} ${input.container.slice(0, 12)}${input.database ? ` ${input.database}` : ''}`;
  const targets = [`database ${input.container}${input.database ? ` ${input.database}` : ''}`];
  const dialect = DIALECT[input.kind];
  if (!dialect) {
    return {
      rows: [
        {
          statement: clipped(input.mask(input.statement)),
          risk: `a ${input.kind} command berth cannot classify`,
          on: where,
        },
      ],
      targets,
    };
  }
  const verdict = classifySql(input.statement, { dialect });
  if (verdict.class !== 'dangerous') return undefined;
  const dangerous = verdict.statements.filter((s) => s.class === 'dangerous');
  const rows =
    dangerous.length > 0
      ? dangerous.map((s) => ({ statement: clipped(input.mask(s.text)), risk: s.reason, on: where }))
      : [{ statement: clipped(input.mask(input.statement)), risk: verdict.reason, on: where }];
  return { rows, targets };
}
