package io.earlywarning.gateway.delivery;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Properties;

/**
 * E-mail over SMTP (Jakarta Mail): plain UTF-8 text, so that nothing a petitioner wrote can become markup in a mail
 * client; a {@code Message-ID} made from the idempotency key, so that a repeat after a crash is recognisably the same
 * mail.
 */
public final class EmailChannel implements Channel {

    /**
     * @param host     SMTP server; empty: e-mail is off and e-mail deliveries fail with that reason
     * @param startTls require STARTTLS (production); the demo and tests talk plain SMTP on loopback
     */
    public record Smtp(String host, int port, String username, String password, String from, boolean startTls) {
        public boolean configured() {
            return host != null && !host.isBlank();
        }
    }

    private final Smtp smtp;
    private final Session session;

    public EmailChannel(Smtp smtp) {
        this.smtp = smtp;
        Properties p = new Properties();
        p.put("mail.smtp.host", String.valueOf(smtp.host()));
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        boolean auth = smtp.username() != null && !smtp.username().isBlank();
        p.put("mail.smtp.auth", Boolean.toString(auth));
        if (smtp.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        this.session = Session.getInstance(p, auth ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(smtp.username(), smtp.password());
            }
        } : null);
    }

    @Override
    public String id() {
        return "email";
    }

    @Override
    public Outcome send(Delivery d, String secret) {
        if (!smtp.configured()) {
            return Outcome.refused("no SMTP server configured (EW_GATEWAY_SMTP_HOST)");
        }
        try {
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + HexFormat.of().formatHex(
                            d.idempotencyKey().getBytes(StandardCharsets.UTF_8)).substring(0, Math.min(120,
                            2 * d.idempotencyKey().length())) + "@early-warning>");
                }
            };
            m.setFrom(new InternetAddress(smtp.from()));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(d.address(), true));
            m.setSubject(d.message().title(), "UTF-8");
            m.setText(d.message().text(), "UTF-8", "plain");
            m.setHeader("X-EW-Idempotency-Key", d.idempotencyKey());
            Transport.send(m);
            return Outcome.ok("accepted by " + smtp.host());
        } catch (AddressException e) {
            return Outcome.refused("bad address " + d.address() + ": " + e.getMessage());
        } catch (SendFailedException e) {
            return e.getValidUnsentAddresses() != null && e.getValidUnsentAddresses().length > 0
                    ? Outcome.retry(e.getMessage()) : Outcome.refused(e.getMessage());
        } catch (MessagingException e) {
            return Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
