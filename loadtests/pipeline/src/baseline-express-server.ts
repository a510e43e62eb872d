import express from 'express';

// The bare Express baseline: parse a Twilio-sized form, answer empty TwiML. Nothing else.
const app = express();
app.use(express.urlencoded({ extended: false, limit: '32kb' }));
app.get('/health', (_req, res) => {
  res.send('ok');
});
app.post('/webhooks/twilio/whatsapp', (_req, res) => {
  res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
});
const server = app.listen(Number(process.env.PORT ?? 3900), '127.0.0.1', () => {
  console.log('baseline listening');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
