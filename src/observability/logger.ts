import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger as NestLogger, type LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { loggableUrl } from '../http/logged-url';

/** The ids of the request being served, for every line written while serving it. */
export interface RequestIds {
  reqId: string;
  correlationId: string;
}

export const requestContext = new AsyncLocalStorage<RequestIds>();

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const TOKEN_IN_QUERY = /([?&](?:access_token|token)=)[^&#]*/gi;

/** A text with e-mail addresses and query-string tokens masked: what a log line may carry of a URL or a message. */
export const scrub = (text: string): string => text.replace(TOKEN_IN_QUERY, '$1[Redacted]').replace(EMAIL, '[e-mail]');

/**
 * Human-readable lines when asked (LOG_PRETTY=1) or when a person watches a
 * terminal (unless LOG_PRETTY=0); pino-pretty is a development dependency, so
 * without it the lines stay JSON.
 */
function prettyWanted(): boolean {
  if (process.env.LOG_PRETTY === '0') return false;
  if (process.env.LOG_PRETTY !== '1' && !process.stdout.isTTY) return false;
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * The one logger of the server and the CLI: JSON lines (pino) on stdout, or
 * on stderr for the CLI (`destination: 2`) whose stdout is the command's
 * answer. Tokens and cookies are redacted from anything logged, URLs and
 * messages lose e-mail addresses and `access_token` values.
 */
export function createLogger(options: { name: string; destination?: 1 | 2; level?: string }): Logger {
  const destination = options.destination ?? 1;
  return pino(
    {
      name: options.name,
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization', 'token'], censor: '[Redacted]' },
      serializers: {
        req: (req: { method: string; url: string; host?: string; hostname?: string; ip?: string }) => ({
          method: req.method,
          url: scrub(loggableUrl(req.url)),
          host: req.host ?? req.hostname,
          remoteAddress: req.ip,
        }),
        err: pino.stdSerializers.err,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    prettyWanted() ? pino.transport({ target: 'pino-pretty', options: { destination, translateTime: 'SYS:standard' } }) : pino.destination({ dest: destination, sync: true }),
  );
}

const LEVELS = { log: 'info', error: 'error', warn: 'warn', debug: 'debug', verbose: 'trace', fatal: 'fatal' } as const;

/** Nest's logger interface over pino: its lines carry the ids of the request being served, when there is one. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: keyof typeof LEVELS, message: unknown, params: unknown[]): void {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const fields: Record<string, unknown> = { ...requestContext.getStore(), context };
    const stack = level === 'error' && typeof params[0] === 'string' && params.length > 1 ? params[0] : undefined;
    if (message instanceof Error) this.logger[LEVELS[level]]({ ...fields, err: message }, message.message);
    else if (typeof message === 'string') this.logger[LEVELS[level]]({ ...fields, stack }, message);
    else this.logger[LEVELS[level]]({ ...fields, detail: message }, String(context ?? level));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
}

let processLogger: Logger | null = null;

/**
 * The logger of this process, for code outside Nest's reach (adapters, the
 * CLI): set once by main.ts or cli.ts; JSON on stdout until then.
 */
export function logs(): Logger {
  processLogger ??= createLogger({ name: 'confiance' });
  return processLogger;
}

/**
 * Makes `logger` the process's: Nest's static Logger and Node's own warnings
 * (written as text to stderr by default) go to it too.
 */
export function useProcessLogger(logger: Logger): Logger {
  processLogger = logger;
  NestLogger.overrideLogger(new PinoNestLogger(logger));
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.warn({ warning: warning.name, code: (warning as { code?: string }).code }, warning.message));
  return logger;
}
