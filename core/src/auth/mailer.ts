import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** `smtp` when mail leaves the instance; `log` when the admin reads it from the log. */
  readonly kind: 'smtp' | 'log';
  send(mail: Mail): Promise<void>;
  close(): Promise<void>;
}

/** Sends through the SMTP server of `SMTP_URL`. */
export class SmtpMailer implements Mailer {
  readonly kind = 'smtp' as const;
  private readonly transport: Transporter;

  constructor(
    url: URL,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url.href);
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/**
 * Without SMTP, mail (reset and invitation links) is written to the log at warn level so the
 * admin can pass it on. The last few messages are also kept in memory for tests and tooling.
 */
export class LogMailer implements Mailer {
  readonly kind = 'log' as const;
  readonly recent: Mail[] = [];

  constructor(private readonly logger: Logger) {}

  async send(mail: Mail): Promise<void> {
    this.recent.push(mail);
    if (this.recent.length > 20) this.recent.shift();
    this.logger.warn({ mail }, `mail to ${mail.to} (no SMTP_URL set, so it is logged instead of sent): ${mail.subject}`);
  }

  async close(): Promise<void> {}
}

export function createMailer(options: { smtpUrl: URL | undefined; from: string; logger: Logger }): Mailer {
  return options.smtpUrl ? new SmtpMailer(options.smtpUrl, options.from) : new LogMailer(options.logger);
}
