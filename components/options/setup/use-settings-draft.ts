import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import stringify from 'safe-stable-stringify';
import { sendRequest } from '../../../lib/messaging/client';
import type { SyncSettingsView } from '../../../lib/messaging/protocol';
import {
  DEFAULT_CLINIC_SETTINGS,
  DEFAULT_SYNC_SETTINGS,
  type SyncSettings,
  syncSettingsDocument,
  syncSettingsSchema,
} from '../../../lib/settings/sync-settings';
import type { ChangeDraft, FieldErrors } from './types';

export const SETTINGS_QUERY_KEY = ['sync', 'settings'] as const;

/** One key per settings document, so another document's draft never lands in this form. */
export const DRAFT_STORAGE_KEY = `practice-sync.setup-draft.${syncSettingsDocument.key}`;

/** What is kept in localStorage: the draft and the saved document it started from (null: none was readable). */
interface StoredDraft {
  base: SyncSettings | null;
  draft: SyncSettings;
}

interface DraftState extends StoredDraft {
  /** The draft came back from localStorage (after a reload) rather than from the saved settings. */
  restored: boolean;
}

const same = (a: unknown, b: unknown) => stringify(a) === stringify(b);

/** The schema's issues by dotted path, the first message for each path. */
export function validateDraft(draft: SyncSettings): FieldErrors {
  const parsed = syncSettingsSchema.safeParse(draft);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A draft from localStorage is shown only if the sections can render it: the right shape, even
 * if some values are invalid (those are the user's unfinished edits and get their errors).
 */
function looksLikeDraft(value: unknown): value is SyncSettings {
  if (!isObject(value) || !Array.isArray(value.categories) || !isObject(value.clinics)) return false;
  return isObject(value.defaults);
}

/**
 * A draft kept by an older version of the extension may lack a setting added since: it gets the
 * setting's default rather than being thrown away with the user's edits.
 */
function completeDraft(draft: SyncSettings): SyncSettings {
  return { ...draft, defaults: { ...DEFAULT_CLINIC_SETTINGS, ...draft.defaults } };
}

function readStoredDraft(): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(DRAFT_STORAGE_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Partial<StoredDraft>;
    if (!looksLikeDraft(stored.draft)) return null;
    return {
      draft: completeDraft(stored.draft),
      base: looksLikeDraft(stored.base) ? completeDraft(stored.base) : null,
    };
  } catch {
    return null;
  }
}

function writeStoredDraft(value: StoredDraft | null) {
  try {
    if (value) window.localStorage.setItem(DRAFT_STORAGE_KEY, JSON.stringify(value));
    else window.localStorage.removeItem(DRAFT_STORAGE_KEY);
  } catch {
    // Storage full or blocked: the draft still lives in the page, it just does not survive a reload.
  }
}

const savedOf = (view: SyncSettingsView | undefined) =>
  view && view.status !== 'unreadable' ? view.settings : null;

/**
 * The setup page's settings draft: the saved document from the background, the user's edits on
 * top, validated with the engine's schema on every change, kept in localStorage until saved or
 * discarded (so a reload does not lose them), and saved only when valid.
 */
export function useSettingsDraft() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SETTINGS_QUERY_KEY,
    queryFn: () => sendRequest('sync.getSettings', {}),
  });
  const view = query.data;
  const saved = savedOf(view);
  const [state, setState] = useState<DraftState | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  // The first answer starts the draft (from localStorage if the user left unsaved changes); later
  // answers (a refetch when the tab gets focus) move an untouched draft along and never replace edits.
  useEffect(() => {
    if (!view) return;
    const current = savedOf(view);
    setState((state) => {
      if (state === null) {
        const stored = readStoredDraft();
        if (stored && !(current && same(stored.draft, current))) return { ...stored, restored: true };
        return current ? { draft: current, base: current, restored: false } : null;
      }
      if (current && same(state.draft, state.base) && !same(state.base, current)) {
        return { draft: current, base: current, restored: false };
      }
      return state;
    });
  }, [view]);

  const draft = state?.draft ?? null;
  const dirty = draft !== null && (saved === null || !same(draft, saved));
  const errors = useMemo(() => (draft ? validateDraft(draft) : {}), [draft]);
  const errorPaths = Object.keys(errors);

  // Unsaved changes survive a reload; once saved or discarded they are forgotten.
  useEffect(() => {
    if (!state) return;
    writeStoredDraft(dirty ? { draft: state.draft, base: state.base } : null);
  }, [state, dirty]);

  // Another tab of the options page that saves or discards forgets the stored draft: this tab's
  // unsaved edits are put back, so a reload of this tab still finds them.
  useEffect(() => {
    if (!state || !dirty) return;
    const onStorage = (event: StorageEvent) => {
      if (event.key === DRAFT_STORAGE_KEY && event.newValue === null)
        writeStoredDraft({ draft: state.draft, base: state.base });
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [state, dirty]);

  const change: ChangeDraft = useCallback((recipe) => {
    setJustSaved(false);
    setRefusal(null);
    setState((state) => {
      if (!state) return state;
      const next = structuredClone(state.draft);
      recipe(next);
      return { ...state, draft: next };
    });
  }, []);

  const adoptSaved = useCallback(
    (answer: SyncSettingsView) => {
      queryClient.setQueryData(SETTINGS_QUERY_KEY, answer);
      const settings = savedOf(answer);
      setState(settings ? { draft: settings, base: settings, restored: false } : null);
      writeStoredDraft(null);
    },
    [queryClient],
  );

  const saveMutation = useMutation({
    // `base`: what this page last saw saved; the background refuses if the stored settings moved on.
    mutationFn: (document: SyncSettings) =>
      sendRequest('sync.saveSettings', { document, ...(saved ? { base: saved } : {}) }),
    onSuccess: (answer) => {
      adoptSaved(answer);
      setJustSaved(true);
    },
    onError: (error) => {
      // Shows what changed: the draft is kept, and the page warns that the saved settings moved on.
      if ((error as { code?: string }).code === 'settings-changed')
        void queryClient.invalidateQueries({ queryKey: SETTINGS_QUERY_KEY });
    },
  });

  /** Saves the draft; refused (nothing sent) while it has problems. True when saved. */
  const save = useCallback(async () => {
    if (!draft) return false;
    if (Object.keys(errors).length > 0) {
      const count = Object.keys(errors).length;
      setRefusal(`Nothing was saved: fix the ${count === 1 ? 'problem' : `${count} problems`} first.`);
      return false;
    }
    setRefusal(null);
    try {
      await saveMutation.mutateAsync(draft);
      return true;
    } catch {
      return false;
    }
  }, [draft, errors, saveMutation]);

  /** Saves a whole document that was read elsewhere (an imported file); the draft becomes it. */
  const saveDocument = useCallback(
    async (document: SyncSettings) => {
      const answer = await sendRequest('sync.saveSettings', { document });
      setRefusal(null);
      saveMutation.reset();
      adoptSaved(answer);
    },
    [adoptSaved, saveMutation],
  );

  const discard = useCallback(() => {
    setJustSaved(false);
    setRefusal(null);
    saveMutation.reset();
    setState(saved ? { draft: saved, base: saved, restored: false } : null);
    writeStoredDraft(null);
  }, [saved, saveMutation]);

  /** For a stored document that cannot be read: edit from the defaults (saved only when the user saves). */
  const startFromDefaults = useCallback(() => {
    setState({ draft: structuredClone(DEFAULT_SYNC_SETTINGS), base: null, restored: false });
  }, []);

  return {
    /** Still waiting for the background's first answer. */
    loading: query.isPending,
    /** The settings could not be asked for at all (the background did not answer). */
    loadError: query.error?.message ?? null,
    /** Why the stored settings cannot be read; they stay stored until the user saves. */
    unreadableReason: view?.status === 'unreadable' ? view.reason : null,
    /** Nothing has ever been saved: the draft starts from the defaults. */
    neverSaved: view?.status === 'default',
    saved,
    draft,
    errors,
    firstErrorPath: errorPaths[0] ?? null,
    change,
    dirty,
    /** The draft came back from a previous visit of the page. */
    restored: dirty && (state?.restored ?? false),
    /** The saved settings changed (another tab, an import) after these edits started; the edits are kept. */
    savedChangedUnderneath: dirty && state?.base != null && saved !== null && !same(state.base, saved),
    save,
    saveDocument,
    saving: saveMutation.isPending,
    saveError: refusal ?? saveMutation.error?.message ?? null,
    justSaved: justSaved && !dirty,
    discard,
    startFromDefaults,
  };
}

export type SettingsDraft = ReturnType<typeof useSettingsDraft>;
