/** Sending one e-mail through the configured SMTP server (SMTP_URL). */
import nodemailer from "nodemailer";
import type { Mail } from "./compose.ts";

export interface Mailer {
  send(to: string, mail: Mail): Promise<void>;
  close(): void;
}

/** A mailer on SMTP_URL, sending from MAIL_FROM. */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, mail) {
      await transport.sendMail({ from, to, subject: mail.subject, text: mail.text, html: mail.html });
    },
    close() {
      transport.close();
    },
  };
}
