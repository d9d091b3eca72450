// "Hand over cases": the worker's caseload (or the cases the list shows) leaves as a file encrypted with a
// passphrase the receiver is told separately; after the download the sender marks them transferred, so they
// stop counting here. "Receive cases" imports such a file. The crypto and the schema load on first use
// (./handover.ts), not with the list.
import { useState } from 'preact/hooks';
import { formatNumber, t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { PelitaError } from '../lib/errors';
import { download } from '../ui/download';
import { showToast } from '../ui/toast';

const problemOf = (err: unknown) => (err instanceof PelitaError ? err.code : 'errors.unexpected');

function Send() {
  const [passphrase, setPassphrase] = useState('');
  const [sent, setSent] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const h = await import('./handover');
      const ids = (await h.caseload()).map((c) => c.id);
      const file = await h.exportCases(ids, passphrase);
      download(new Blob([file], { type: 'application/json' }), `pelita-cases-${today()}.json`);
      setSent(ids);
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };
  const transferred = async () => {
    if (!sent) return;
    const { markTransferred } = await import('./handover');
    await markTransferred(sent);
    showToast(t('cases.handover.transferred', { n: formatNumber(sent.length) }), 'success');
    setSent(null);
    setPassphrase('');
  };

  return (
    <div>
      <h3>{t('cases.handover.sendTitle')}</h3>
      <p class="hint">{t('cases.handover.sendHint')}</p>
      <label for="handover-pass">{t('cases.handover.passphrase')}</label>
      <input
        id="handover-pass"
        type="text"
        autoComplete="off"
        spellcheck={false}
        value={passphrase}
        onInput={(e) => setPassphrase(e.currentTarget.value)}
      />
      {problem && <p class="field-error">{t(problem)}</p>}
      <div class="actions">
        <button type="button" onClick={() => void send()} disabled={busy}>
          {t('cases.handover.download')}
        </button>
      </div>
      {sent && (
        <div class="notice" role="status">
          <p>{t('cases.handover.downloaded', { n: formatNumber(sent.length) })}</p>
          <button type="button" class="danger" onClick={() => void transferred()}>
            {t('cases.handover.markTransferred', { n: formatNumber(sent.length) })}
          </button>
        </div>
      )}
    </div>
  );
}

function Receive() {
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const receive = async () => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const { importCases } = await import('./handover');
      const { imported } = await importCases(await file.text(), passphrase);
      showToast(t('cases.handover.received', { n: formatNumber(imported.length) }), 'success');
      setPassphrase('');
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <h3>{t('cases.handover.receiveTitle')}</h3>
      <label for="handover-file">{t('cases.handover.file')}</label>
      <input
        id="handover-file"
        type="file"
        accept=".json,application/json"
        onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
      />
      <label for="handover-open">{t('cases.handover.passphrase')}</label>
      <input
        id="handover-open"
        type="text"
        autoComplete="off"
        spellcheck={false}
        value={passphrase}
        onInput={(e) => setPassphrase(e.currentTarget.value)}
      />
      {problem && <p class="field-error">{t(problem)}</p>}
      <div class="actions">
        <button type="button" onClick={() => void receive()} disabled={busy || !file}>
          {t('cases.handover.import')}
        </button>
      </div>
    </div>
  );
}

export function HandoverPanel() {
  return (
    <details class="handover no-print">
      <summary>{t('cases.handover.title')}</summary>
      <Send />
      <Receive />
    </details>
  );
}
