import { parentPort, workerData } from 'node:worker_threads';
import { createTransport } from 'nodemailer';
import { poolOptions, type SmtpFailure, type WorkerReply, type WorkerRequest } from './smtp.js';

/** The SMTP pool on its own thread; see threadedPool in smtp.ts for the protocol. */
const pool = createTransport({ ...poolOptions, url: (workerData as { url: string }).url });
const port = parentPort!;

port.on('message', (request: WorkerRequest) => {
  if ('close' in request) {
    pool.close();
    port.close();
    return;
  }
  const { id, from, to, raw } = request;
  pool.sendMail({ envelope: { from, to: [to] }, raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) }).then(
    () => port.postMessage({ id } satisfies WorkerReply),
    (error: SmtpFailure & Error) => {
      const { message, code, command, response, responseCode } = error;
      port.postMessage({ id, error: { message, code, command, response, responseCode } } satisfies WorkerReply);
    },
  );
});
