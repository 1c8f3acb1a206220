import { useI18n } from '../i18n';

/** Shown when the requirement moved on since the form was loaded: nothing was recorded, the entries stay. */
export function StaleNotice({ onReload }: { onReload: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" class="problem">
      <p>{t('staleForm')}</p>
      <button type="button" onClick={onReload}>
        {t('reload')}
      </button>
    </div>
  );
}
