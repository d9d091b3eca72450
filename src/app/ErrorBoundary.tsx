import { Component, type ComponentChildren } from 'preact';
import { dumpAll, dumpFilename } from '../export/dump';
import { t } from '../i18n/i18n';
import { type ErrorCode, PelitaError, toPelitaError } from '../lib/errors';
import { download } from '../ui/download';

interface State {
  error: unknown;
  /** Why "Export my data" failed: said, never silent. */
  exportFailed?: ErrorCode | undefined;
}

/** The last line of defence: says what happened and offers to save every record before anything else. */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, State> {
  override state: State = { error: null };

  private async exportData() {
    this.setState({ exportFailed: undefined });
    try {
      download(await dumpAll(), dumpFilename());
    } catch (err) {
      console.error(err);
      this.setState({ exportFailed: toPelitaError(err).code });
    }
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
    this.setState({ error });
  }

  override render() {
    const { error, exportFailed } = this.state;
    if (!error) return this.props.children;
    const code = error instanceof PelitaError ? error.code : 'errors.unexpected';
    return (
      <section class="error-screen" role="alert">
        <h1>{t('errorBoundary.title')}</h1>
        <p>{t(code)}</p>
        <p>{t('errorBoundary.safe')}</p>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void this.exportData()}>
            {t('errorBoundary.export')}
          </button>
          <button type="button" onClick={() => location.reload()}>
            {t('errorBoundary.reload')}
          </button>
        </div>
        {exportFailed && (
          <p class="warning" role="alert">
            {t('errorBoundary.exportFailed')} {t(exportFailed)}
          </p>
        )}
      </section>
    );
  }
}
