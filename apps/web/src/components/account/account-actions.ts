'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { isApiError } from '@/lib/graphql';
import { createApiKey, revokeApiKey, signIn, signOut, signUp } from '@/lib/queries/account';
import { proposeLabel, voteLabel } from '@/lib/queries/label-contributions';
import { reviewLabel } from '@/lib/queries/review';
import { clearSessionToken, sessionToken, storeSessionToken } from '@/lib/session';

/**
 * The account and label forms' server calls. The session token never reaches the browser's
 * scripts: sign-in stores it in an httpOnly cookie, and every other action reads it there and
 * forwards it to the API. The API checks everything again; these checks only save a round trip.
 */
export type FormState = { ok: boolean; message: string; secret?: string } | null;

async function outcome(run: () => Promise<string | { message: string; secret: string }>): Promise<FormState> {
  try {
    const result = await run();
    return typeof result === 'string' ? { ok: true, message: result } : { ok: true, ...result };
  } catch (error) {
    if (isApiError(error)) return { ok: false, message: error.message };
    throw error;
  }
}

const refused = (error: z.ZodError): FormState => ({ ok: false, message: error.issues.map((issue) => issue.message).join(' ') });

const Credentials = z.object({
  handle: z.string().trim().min(3, 'The handle has 3 to 32 characters.').max(32, 'The handle has 3 to 32 characters.'),
  password: z.string().min(10, 'The password has at least 10 characters.').max(256, 'The password has at most 256 characters.'),
});

export async function signUpAction(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = Credentials.safeParse({ handle: form.get('handle'), password: form.get('password') });
  if (!parsed.success) return refused(parsed.error);
  return outcome(async () => {
    const session = await signUp(parsed.data);
    await storeSessionToken(session.token, session.expiresAt);
    revalidatePath('/', 'layout');
    return `Welcome, ${session.user.handle}: you are signed in.`;
  });
}

export async function signInAction(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = Credentials.safeParse({ handle: form.get('handle'), password: form.get('password') });
  if (!parsed.success) return refused(parsed.error);
  return outcome(async () => {
    const session = await signIn(parsed.data);
    await storeSessionToken(session.token, session.expiresAt);
    revalidatePath('/', 'layout');
    return `Signed in as ${session.user.handle}.`;
  });
}

export async function signOutAction(): Promise<void> {
  const token = await sessionToken();
  if (token) await signOut(token).catch(() => undefined); // an expired session is signed out already
  await clearSessionToken();
  revalidatePath('/', 'layout');
}

const KeyInput = z.object({
  name: z.string().trim().min(1, 'Name the key (1 to 64 characters).').max(64, 'Name the key (1 to 64 characters).'),
  scope: z.enum(['READ', 'WRITE']),
});

export async function createApiKeyAction(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = KeyInput.safeParse({ name: form.get('name'), scope: form.get('scope') });
  if (!parsed.success) return refused(parsed.error);
  const token = await sessionToken();
  if (!token) return { ok: false, message: 'Sign in first.' };
  return outcome(async () => {
    const created = await createApiKey(token, parsed.data);
    revalidatePath('/account/keys');
    return { message: `Key "${created.apiKey.name}" made. Copy it now: it is shown this once.`, secret: created.key };
  });
}

export async function revokeApiKeyAction(form: FormData): Promise<void> {
  const token = await sessionToken();
  const id = z.string().regex(/^\d+$/).safeParse(form.get('id'));
  if (!token || !id.success) return;
  await revokeApiKey(token, id.data);
  revalidatePath('/account/keys');
}

const LabelInput = z.object({
  featureId: z.string().min(1),
  text: z.string().trim().min(1, 'Write the label.').max(500, 'A label has at most 500 characters.'),
  tags: z.string().max(400),
});

export async function proposeLabelAction(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = LabelInput.safeParse({ featureId: form.get('featureId'), text: form.get('text'), tags: form.get('tags') ?? '' });
  if (!parsed.success) return refused(parsed.error);
  const token = await sessionToken();
  if (!token) return { ok: false, message: 'Sign in to propose a label.' };
  const tags = parsed.data.tags.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
  return outcome(async () => {
    await proposeLabel(token, { featureId: parsed.data.featureId, text: parsed.data.text, tags });
    revalidatePath('/feature/[...id]', 'page');
    return 'Label proposed: it waits for review, and shows on the feature once accepted or best-voted.';
  });
}

export async function voteLabelAction(form: FormData): Promise<void> {
  const token = await sessionToken();
  const vote = z.object({ labelId: z.string().regex(/^\d+$/), vote: z.enum(['UP', 'DOWN', 'NONE']) })
    .safeParse({ labelId: form.get('labelId'), vote: form.get('vote') });
  if (!token || !vote.success) return;
  await voteLabel(token, vote.data);
  revalidatePath('/feature/[...id]', 'page');
}

const ReviewInput = z.object({
  labelId: z.string().regex(/^\d+$/),
  state: z.enum(['ACCEPTED', 'REJECTED']),
  note: z.string().trim().max(500, 'A review note has at most 500 characters.'),
});

export async function reviewLabelAction(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = ReviewInput.safeParse({ labelId: form.get('labelId'), state: form.get('state'), note: form.get('note') ?? '' });
  if (!parsed.success) return refused(parsed.error);
  const token = await sessionToken();
  if (!token) return { ok: false, message: 'Sign in as a curator to review labels.' };
  const { labelId, state, note } = parsed.data;
  return outcome(async () => {
    await reviewLabel(token, { labelId, state, ...(note === '' ? {} : { note }) });
    revalidatePath('/review');
    revalidatePath('/feature/[...id]', 'page');
    return `Label ${labelId} ${state === 'ACCEPTED' ? 'accepted: it shows on its feature' : 'rejected'}.`;
  });
}
