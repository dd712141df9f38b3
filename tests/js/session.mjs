// The official amazon-chime-sdk-js messaging session (DefaultMessagingSession), run headless in
// Node against a Chime SDK Messaging endpoint, printing what it observes as JSON lines on stdout.
//
// usage: node session.mjs --endpoint URL --user-arn ARN [--region R] [--session-id ID]
//          [--expect established|rejected] [--until EVENT_TYPE] [--timeout-ms N] [--linger-ms N]
//          [--prefetch unread|last-message-timestamp]
//
// --expect established (the default): start() must resolve; the session then runs until a line
//   "stop" (or the end) on stdin, or until an event of type --until arrives, and is stopped.
// --expect rejected: start() must reject with a close event; the session is then watched for
//   --linger-ms for a reconnect it must not make.
// Exit status: 0 the expectation held, 1 it did not, 2 bad arguments, 3 the overall timeout.
//
// Each stdout line is one object with `kind` and `t` (ms since the script started):
//   socket {url}                         the client opened a WebSocket to url (as it asked for it)
//   socketClosed {code, reason}          that socket closed (reconnects included)
//   didStartConnecting {reconnecting}    observer callbacks, in the order the client made them
//   didStart / didStop {code, reason}
//   message {type, headers, payloadKind, payload}  payloadKind is typeof Payload ("string",
//                                        "object"...) or "null"; a string payload is parsed
//   started / startRejected {code, reason, error}  how start() settled
//   unhandledRejection {code, reason, error}, timeout, exit {status, why}
//
// The only shims: a global WebSocket (the `ws` package) that dials ws:// where the client asks
// for wss:// on a loopback host, since the client's scheme is fixed; and a global CloseEvent,
// which Node 20 lacks and the client constructs when the endpoint lookup fails.

import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import WebSocketImpl from 'ws';

const began = Date.now();
const emit = (kind, fields = {}) =>
  process.stdout.write(JSON.stringify({ kind, t: Date.now() - began, ...fields }) + '\n');
// stdout carries the JSON lines alone; whatever the libraries print goes to stderr.
for (const name of ['log', 'info', 'debug']) console[name] = console.error;

let exiting = false;
function exit(status, why) {
  if (exiting) return;
  exiting = true;
  emit('exit', { status, why });
  process.exitCode = status;
  // Leave once stdout is flushed, whatever the client still has open.
  process.stdout.write('', () => process.exit(status));
}

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      region: { type: 'string', default: 'us-east-1' },
      'user-arn': { type: 'string' },
      'session-id': { type: 'string' },
      expect: { type: 'string', default: 'established' },
      until: { type: 'string' },
      'timeout-ms': { type: 'string', default: '20000' },
      'linger-ms': { type: 'string', default: '1500' },
      prefetch: { type: 'string' },
    },
  }));
  for (const required of ['endpoint', 'user-arn']) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  if (!['established', 'rejected'].includes(options.expect)) {
    throw new Error(`--expect is "established" or "rejected", not ${JSON.stringify(options.expect)}`);
  }
  for (const ms of ['timeout-ms', 'linger-ms']) {
    if (!/^\d+$/.test(options[ms])) throw new Error(`--${ms} takes a whole number of milliseconds`);
  }
} catch (e) {
  process.stderr.write(`session.mjs: ${e.message}\n`);
  exit(2, e.message);
}

if (!exiting) {
  installShims();
  await run();
}

function installShims() {
  const loopback = (host) =>
    host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  globalThis.WebSocket = class WebSocket extends WebSocketImpl {
    constructor(url, protocols) {
      const asked = new URL(url);
      emit('socket', { url: String(url) });
      if (asked.protocol === 'wss:' && loopback(asked.hostname)) asked.protocol = 'ws:';
      super(asked.toString(), protocols);
      this.addEventListener('close', (e) => emit('socketClosed', { code: e.code, reason: e.reason }));
    }
  };
  globalThis.CloseEvent = class CloseEvent extends Event {
    constructor(type, init = {}) {
      super(type, init);
      this.code = init.code ?? 0;
      this.reason = init.reason ?? '';
      this.wasClean = init.wasClean ?? false;
    }
  };
}

// A close event (what the client rejects with) or an error, as fields of a line.
function described(e) {
  if (e && typeof e === 'object' && 'code' in e) {
    return { code: e.code, reason: e.reason ?? '', error: e.constructor?.name ?? 'Object' };
  }
  return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

async function run() {
  const chime = (await import('amazon-chime-sdk-js')).default;
  const { ChimeSDKMessagingClient } = await import('@aws-sdk/client-chime-sdk-messaging');
  const { DefaultMessagingSession, MessagingSessionConfiguration, ConsoleLogger, LogLevel } = chime;

  // The client has no timeout of its own (it waits for SESSION_ESTABLISHED forever).
  setTimeout(() => {
    emit('timeout', { afterMs: Number(options['timeout-ms']) });
    exit(3, 'overall timeout');
  }, Number(options["timeout-ms"]));
  // Failed reconnects surface only as unhandled rejections.
  process.on('unhandledRejection', (e) => emit('unhandledRejection', described(e)));

  const client = new ChimeSDKMessagingClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'AKIDLOCAL',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local-secret',
      sessionToken: process.env.AWS_SESSION_TOKEN,
    },
    requestHandler: { connectionTimeout: 5000, requestTimeout: 5000 },
  });
  // undefined endpoint: the client asks GetMessagingSessionEndpoint, as applications do.
  const configuration = new MessagingSessionConfiguration(
    options['user-arn'],
    options['session-id'] ?? null,
    undefined,
    client,
  );
  if (options.prefetch) {
    configuration.prefetchOn = chime.PrefetchOn.Connect;
    configuration.prefetchSortBy = options.prefetch;
  }
  // Short backoff, so that a reconnect the client should not make shows within --linger-ms.
  configuration.reconnectShortBackoffMs = 100;
  configuration.reconnectLongBackoffMs = 500;
  configuration.reconnectTimeoutMs = 3000;

  const session = new DefaultMessagingSession(
    configuration,
    new ConsoleLogger('session', LogLevel.WARN),
  );
  let stopped;
  let hasStopped = false;
  const didStop = new Promise((resolve) => (stopped = resolve));
  let stopping = false;
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    if (hasStopped) {
      exit(0, `${why}; the session had already stopped`);
      return;
    }
    session.stop();
    // didStop fires once the server answers the close; do not wait for ever.
    const grace = setTimeout(() => exit(1, `${why}; no didStop after stop()`), 3000);
    didStop.then(() => {
      clearTimeout(grace);
      exit(0, why);
    });
  };
  session.addObserver({
    messagingSessionDidStartConnecting: (reconnecting) => emit('didStartConnecting', { reconnecting }),
    messagingSessionDidStart: () => emit('didStart'),
    messagingSessionDidStop: (event) => {
      emit('didStop', { code: event.code, reason: event.reason });
      hasStopped = true;
      stopped();
    },
    messagingSessionDidReceiveMessage: (message) => {
      const raw = message.payload;
      let payload = raw;
      if (typeof raw === 'string') {
        try {
          payload = JSON.parse(raw);
        } catch {
          // Left as the string it is; the test sees payloadKind "string" and an unparsed value.
        }
      }
      const payloadKind = raw === null ? 'null' : typeof raw;
      emit('message', { type: message.type, headers: message.headers, payloadKind, payload });
      if (options.until && message.type === options.until) stop(`received ${options.until}`);
    },
  });

  try {
    await session.start();
    emit('started');
  } catch (e) {
    emit('startRejected', described(e));
    if (options.expect === 'rejected') {
      setTimeout(() => exit(0, 'start() rejected'), Number(options['linger-ms']));
    } else {
      exit(1, 'start() rejected');
    }
    return;
  }
  if (options.expect === 'rejected') {
    session.stop();
    exit(1, 'start() resolved');
    return;
  }
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'stop') stop('told to stop');
  });
  lines.on('close', () => stop('stdin closed'));
}
