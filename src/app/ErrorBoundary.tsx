import { Component, type ComponentChildren } from 'preact';
import { dumpAll, dumpFilename } from '../export/dump';
import { t } from '../i18n/i18n';
import { download } from '../ui/download';
import { PelitaError } from './errors';

interface State {
  error: unknown;
}

/** The last line of defence: says what happened and offers to save every record before anything else. */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, State> {
  override state: State = { error: null };

  override componentDidCatch(error: unknown) {
    console.error(error);
    this.setState({ error });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const code = error instanceof PelitaError ? error.code : 'errors.unexpected';
    return (
      <section class="error-screen" role="alert">
        <h1>{t('errorBoundary.title')}</h1>
        <p>{t(code)}</p>
        <p>{t('errorBoundary.safe')}</p>
        <div class="actions">
          <button
            type="button"
            class="primary"
            onClick={async () => download(await dumpAll(), dumpFilename())}
          >
            {t('errorBoundary.export')}
          </button>
          <button type="button" onClick={() => location.reload()}>
            {t('errorBoundary.reload')}
          </button>
        </div>
      </section>
    );
  }
}
