// "Hand over cases": the worker's caseload (from the case list) or one case (from its own screen) leaves as a
// file encrypted with a passphrase the receiver is told separately; after the download the sender marks it
// transferred, so it stops counting here. "Receive cases" imports such a file. The crypto and the schema load on first use
// (./handover.ts), not with the list.
import { useState } from 'preact/hooks';
import { formatNumber, t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { type ErrorCode, PelitaError } from '../lib/errors';
import { navigate } from '../lib/router';
import { download } from '../ui/download';
import { showToast } from '../ui/toast';

const problemOf = (err: unknown): ErrorCode => (err instanceof PelitaError ? err.code : 'errors.unexpected');

/** `only`: hand over this one case (its screen); otherwise the whole caseload (the list). */
function Send({ only, onTransferred }: { only?: string; onTransferred?: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [sent, setSent] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const id = only ? 'handover-one-pass' : 'handover-pass';

  const send = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const h = await import('./handover');
      const ids = only ? [only] : (await h.caseload()).map((c) => c.id);
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
    showToast(
      only
        ? t('cases.handover.oneTransferred')
        : t('cases.handover.transferred', { n: formatNumber(sent.length) }),
      'success',
    );
    setSent(null);
    setPassphrase('');
    onTransferred?.();
  };

  return (
    <div>
      {!only && <h3>{t('cases.handover.sendTitle')}</h3>}
      <p class="hint">{t('cases.handover.sendHint')}</p>
      <label for={id}>{t('cases.handover.passphrase')}</label>
      <input
        id={id}
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
          <p>
            {only
              ? t('cases.handover.oneDownloaded')
              : t('cases.handover.downloaded', { n: formatNumber(sent.length) })}
          </p>
          <button type="button" class="danger" onClick={() => void transferred()}>
            {only
              ? t('cases.handover.oneMark')
              : t('cases.handover.markTransferred', { n: formatNumber(sent.length) })}
          </button>
        </div>
      )}
    </div>
  );
}

function Receive() {
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<ErrorCode | null>(null);
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

/** On a saved case's screen: hand over just this case; once marked transferred, back to the list. */
export function HandoverOne({ id }: { id: string }) {
  return (
    <details class="handover no-print">
      <summary>{t('cases.handover.oneTitle')}</summary>
      <Send only={id} onTransferred={() => navigate('/cases')} />
    </details>
  );
}
