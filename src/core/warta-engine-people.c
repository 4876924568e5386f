/* warta-engine-people.c: the office's people and roles, kept by its administrator
 *
 * People are added in warta-engine.c; here an administrator edits them,
 * deactivates them (never deletes: the journal and the papers name them),
 * sets their passwords, renames roles, and hands a step held by someone
 * who left to another person of its lane. Each change is one transaction
 * with its journal event; no payload carries a password or its hash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "warta-engine-private.h"
#include "warta-journal.h"
#include "warta-password.h"

#define NIP_LENGTH 18
#define NIP_FIRST_YEAR 1940

static gboolean
nip_fail (GError     **error,
          const char  *format,
          ...) G_GNUC_PRINTF (2, 3);

static gboolean
nip_fail (GError     **error,
          const char  *format,
          ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

static guint
digits_value (const char *text,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint)(text[i] - '0');
  return value;
}

/**
 * warta_nip_check:
 * @nip: (nullable): an NIP (Nomor Induk Pegawai), or %NULL / "" for none
 * @error: return location for a #GError
 *
 * An NIP is 18 digits: the birth date (YYYYMMDD), the month of appointment
 * as a civil servant (YYYYMM), 1 for a man or 2 for a woman, and a number
 * of three digits. The error says which part is wrong.
 *
 * Returns: %TRUE when @nip is empty or a well-formed NIP
 */
gboolean
warta_nip_check (const char  *nip,
                 GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int this_year = g_date_time_get_year (now);
  guint length, year, month, day, appointed_year, appointed_month;

  if (nip == NULL || nip[0] == '\0')
    return TRUE;

  for (guint i = 0; nip[i] != '\0'; i++)
    if (!g_ascii_isdigit (nip[i]))
      return nip_fail (error, _("An NIP is written in digits only, with no spaces or dots; “%s” is not"), nip);
  length = strlen (nip);
  if (length != NIP_LENGTH)
    return nip_fail (error, _("NIP must have 18 digits; it has %u"), length);

  year = digits_value (nip, 4);
  month = digits_value (nip + 4, 2);
  day = digits_value (nip + 6, 2);
  if (year < NIP_FIRST_YEAR || year > (guint)this_year)
    return nip_fail (error, _("The NIP's digits 1–8 are a birth date (YYYYMMDD): the year %u is not between %d and %d"),
                     year, NIP_FIRST_YEAR, this_year);
  if (!g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year))
    return nip_fail (error, _("The NIP's digits 1–8 are a birth date (YYYYMMDD): %.8s is not a real date"), nip);

  appointed_year = digits_value (nip + 8, 4);
  appointed_month = digits_value (nip + 12, 2);
  if (appointed_month < 1 || appointed_month > 12)
    return nip_fail (error, _("The NIP's digits 9–14 are the month of appointment (YYYYMM): %02u is not a month"),
                     appointed_month);
  if (appointed_year < year || appointed_year > (guint)this_year)
    return nip_fail (error, _("The NIP's digits 9–14 are the month of appointment (YYYYMM): the year %u is not "
                              "between the birth year %u and %d"), appointed_year, year, this_year);

  if (nip[14] != '1' && nip[14] != '2')
    return nip_fail (error, _("The NIP's digit 15 is 1 for a man or 2 for a woman; it is %c"), nip[14]);

  return TRUE;
}

static gboolean
fail_literal (GError          **error,
              WartaEngineError  code,
              const char       *message)
{
  g_set_error_literal (error, WARTA_ENGINE_ERROR, code, message);
  return FALSE;
}

static char *
roles_text (GStrv roles)
{
  return roles ? g_strjoinv (",", roles) : g_strdup ("");
}

/* Whether taking away user's administration (dropping is_admin or
 * deactivating) would leave the office with no active administrator. */
static gboolean
is_last_admin (WartaEngine      *self,
               const WartaUser  *user,
               gboolean         *last,
               GError          **error)
{
  gint64 n_admins;

  *last = FALSE;
  if (!user->is_admin || user->inactive)
    return TRUE;
  if ((n_admins = warta_store_count_active_admins (self->store, error)) < 0)
    return FALSE;
  *last = n_admins <= 1;
  return TRUE;
}

gboolean
warta_engine_edit_user (WartaEngine      *self,
                        gint64            actor,
                        const WartaUser  *user,
                        GError          **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) old = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *roles = NULL;
  gboolean last = FALSE;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (warta_text_is_blank (user->login) || warta_text_is_blank (user->full_name))
    return fail_literal (error, WARTA_ENGINE_ERROR_INVALID, _("A user needs a login and a full name"));
  if (!warta_nip_check (user->nip, error))
    return FALSE;

  if (!(tx = warta_store_transaction (self->store, error)) ||
      !_warta_engine_check_admin (self, actor, error) ||
      !(old = warta_store_get_user (self->store, user->id, error)))
    return FALSE;

  if (old->is_admin && !user->is_admin)
    {
      if (!is_last_admin (self, old, &last, error))
        return FALSE;
      if (last)
        {
          g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                       _("%s is the office's last administrator and stays one; make someone else an "
                         "administrator first"), old->login);
          return FALSE;
        }
    }

  roles = roles_text (user->roles);
  payload = _warta_engine_payload_new ("user", old->login,
                                       "login", g_strcmp0 (old->login, user->login) != 0 ? user->login : NULL,
                                       "name", user->full_name, "nip", user->nip, "jabatan", user->jabatan,
                                       "pangkat", user->pangkat, "roles", roles,
                                       "admin", user->is_admin ? "yes" : "no", NULL);
  return warta_store_update_user (self->store, user, error) &&
         warta_journal_append (self->store, warta_engine_now (self), actor, 0, "user.edit", payload, error) &&
         warta_transaction_commit (tx, error);
}

gboolean
warta_engine_set_user_active (WartaEngine  *self,
                              gint64        actor,
                              gint64        user_id,
                              gboolean      active,
                              GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autofree char *payload = NULL;
  gboolean last = FALSE;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!(tx = warta_store_transaction (self->store, error)) ||
      !_warta_engine_check_admin (self, actor, error) ||
      !(user = warta_store_get_user (self->store, user_id, error)))
    return FALSE;

  /* Nothing to change, nothing to journal. */
  if (user->inactive == !active)
    return TRUE;

  if (!active)
    {
      if (user_id == actor)
        return fail_literal (error, WARTA_ENGINE_ERROR_DENIED,
                             _("You cannot deactivate your own account; another administrator can"));
      if (!is_last_admin (self, user, &last, error))
        return FALSE;
      if (last)
        {
          g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                       _("%s is the office's last active administrator; make someone else an administrator "
                         "first"), user->login);
          return FALSE;
        }
    }

  payload = _warta_engine_payload_new ("user", user->login, NULL);
  /* On an office server the person's login closes and opens with them */
  return warta_store_set_user_active (self->store, user_id, active, error) &&
         (!warta_store_people_are_logins (self->store) ||
          warta_store_server_set_active (self->store, user->login, active, error)) &&
         warta_journal_append (self->store, warta_engine_now (self), actor, 0,
                               active ? "user.activate" : "user.deactivate", payload, error) &&
         warta_transaction_commit (tx, error);
}

static gboolean
check_new_password (const char  *password,
                    GError     **error)
{
  if (password == NULL || g_utf8_strlen (password, -1) < 8)
    return fail_literal (error, WARTA_ENGINE_ERROR_INVALID, _("The password must have at least 8 characters"));
  return TRUE;
}

gboolean
warta_engine_set_password (WartaEngine  *self,
                           gint64        actor,
                           gint64        user_id,
                           const char   *password,
                           GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *payload = NULL;
  /* Someone else's password, once known to the administrator, is theirs
   * to replace at their next sign-in. */
  gboolean must_change = user_id != actor;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!check_new_password (password, error) ||
      !(hash = _warta_engine_password_hash (self, password, error)))
    return FALSE;

  if (!(tx = warta_store_transaction (self->store, error)) ||
      !_warta_engine_check_admin (self, actor, error) ||
      !(user = warta_store_get_user (self->store, user_id, error)))
    return FALSE;

  payload = _warta_engine_payload_new ("user", user->login, "must_change", must_change ? "yes" : "no", NULL);
  return warta_store_set_user_password (self->store, user_id, hash, must_change, error) &&
         (!warta_store_people_are_logins (self->store) ||
          warta_store_server_set_password (self->store, user->login, password, error)) &&
         warta_journal_append (self->store, warta_engine_now (self), actor, 0, "user.password", payload, error) &&
         warta_transaction_commit (tx, error);
}

gint64
warta_engine_change_password (WartaEngine  *self,
                              const char   *login,
                              const char   *old_password,
                              const char   *new_password,
                              GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(WartaUser) again = NULL;
  g_autofree char *old_hash = NULL;
  g_autofree char *check_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *payload = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);

  if (login != NULL && old_password != NULL)
    user = warta_store_find_user (self->store, login, &old_hash, NULL);

  /* The same answer for an unknown login and a wrong password, as at
   * sign-in. On an office server the server checked the old password as
   * the connection signed in: the connection must be the person's. */
  if (user != NULL && warta_store_people_are_logins (self->store))
    {
      if (g_strcmp0 (warta_store_get_login (self->store), login) != 0)
        g_clear_pointer (&user, warta_user_free);
    }
  else if (user != NULL && !warta_password_verify (old_hash, old_password))
    g_clear_pointer (&user, warta_user_free);
  if (user == NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH,
                   _("Wrong login or password for “%s”"), login ? login : "");
      return 0;
    }
  if (user->inactive)
    {
      fail_literal (error, WARTA_ENGINE_ERROR_INACTIVE,
                    _("This account was deactivated; ask the office's administrator"));
      return 0;
    }
  if (!check_new_password (new_password, error))
    return 0;
  if (g_str_equal (new_password, old_password))
    {
      fail_literal (error, WARTA_ENGINE_ERROR_INVALID,
                    _("The new password must differ from the old one; choose another"));
      return 0;
    }
  if (!(hash = _warta_engine_password_hash (self, new_password, error)))
    return 0;

  if (!(tx = warta_store_transaction (self->store, error)))
    return 0;
  /* Hashing took a while: the password checked must still be the one
   * stored, or another change came first. */
  if (!(again = warta_store_find_user (self->store, login, &check_hash, error)))
    return 0;
  if (again->id != user->id || g_strcmp0 (check_hash, old_hash) != 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH,
                   _("Wrong login or password for “%s”"), login);
      return 0;
    }

  payload = _warta_engine_payload_new ("user", user->login, "must_change", "no", NULL);
  if (!warta_store_set_user_password (self->store, user->id, hash, FALSE, error) ||
      (warta_store_people_are_logins (self->store) &&
       !warta_store_server_set_password (self->store, user->login, new_password, error)) ||
      !warta_journal_append (self->store, warta_engine_now (self), user->id, 0, "user.password", payload, error) ||
      !warta_transaction_commit (tx, error))
    return 0;
  return user->id;
}

GPtrArray *
warta_engine_list_lane_people (WartaEngine  *self,
                               const char   *lane,
                               GError      **error)
{
  g_autoptr(GPtrArray) users = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);
  g_return_val_if_fail (lane != NULL, NULL);

  if (!(users = warta_store_list_users (self->store, lane, error)))
    return NULL;
  for (guint i = users->len; i > 0; i--)
    {
      const WartaUser *user = g_ptr_array_index (users, i - 1);

      if (user->inactive)
        g_ptr_array_remove_index (users, i - 1);
    }
  return g_steal_pointer (&users);
}

GPtrArray *
warta_engine_list_held_by_inactive (WartaEngine  *self,
                                    gint64        actor,
                                    GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  if (!(tx = warta_store_snapshot (self->store, error)) ||
      !_warta_engine_check_admin (self, actor, error) ||
      !(ids = warta_store_list_held_by_inactive (self->store, error)))
    return NULL;

  cases = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_case_free);
  for (guint i = 0; i < ids->len; i++)
    {
      WartaCase *kase = warta_store_get_case (self->store, g_array_index (ids, gint64, i), error);

      if (kase == NULL)
        return NULL;
      g_ptr_array_add (cases, kase);
    }
  return g_steal_pointer (&cases);
}

gboolean
warta_engine_hand_over (WartaEngine  *self,
                        gint64        actor,
                        gint64        case_id,
                        gint64        to_user,
                        const char   *reason,
                        GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaCase) kase = NULL;
  g_autoptr(WartaUser) target = NULL;
  g_autoptr(WartaUser) from = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autofree char *payload = NULL;
  const WartaSopLane *lane;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (warta_text_is_blank (reason))
    return fail_literal (error, WARTA_ENGINE_ERROR_INVALID,
                         _("A hand-over needs a reason, for the journal: say why the step changes hands"));

  if (!(tx = warta_store_transaction (self->store, error)) ||
      !_warta_engine_check_admin (self, actor, error) ||
      !(kase = warta_store_get_case (self->store, case_id, error)))
    return FALSE;

  if (kase->state != WARTA_CASE_OPEN || kase->active == NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_FINISHED,
                   _("Case %lld is finished: it has no step to hand over"), (long long)case_id);
      return FALSE;
    }

  if (!(target = warta_store_get_user (self->store, to_user, error)) ||
      !(sop = warta_engine_get_sop (self, kase->sop_id, kase->sop_version, error)))
    return FALSE;
  lane = warta_sop_lookup_lane (sop, kase->active->lane);

  if (target->inactive)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE,
                   _("%s was deactivated; choose another person"), target->login);
      return FALSE;
    }
  if (!warta_user_has_role (target, kase->active->lane))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("Step %s belongs to the lane “%s”; %s does not hold that role: choose one of its people"),
                   kase->active->step_id, lane ? lane->name : kase->active->lane, target->login);
      return FALSE;
    }
  if (kase->active->assignee == target->id)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("Step %s already belongs to %s; choose another person"),
                   kase->active->step_id, target->login);
      return FALSE;
    }

  if (kase->active->assignee != 0)
    from = warta_store_get_user (self->store, kase->active->assignee, NULL);
  payload = _warta_engine_payload_new ("step", kase->active->step_id,
                                       "from", from ? from->login : "-",
                                       "to", target->login, "reason", reason, NULL);
  return warta_store_set_run_assignee (self->store, kase->active->id, target->id, error) &&
         warta_journal_append (self->store, warta_engine_now (self), actor, case_id, "case.hand-over", payload, error) &&
         warta_transaction_commit (tx, error);
}

gboolean
warta_engine_rename_role (WartaEngine  *self,
                          gint64        actor,
                          const char   *id,
                          const char   *name,
                          GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *clean = NULL;
  const char *old_name = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (warta_text_is_blank (id) || warta_text_is_blank (name))
    return fail_literal (error, WARTA_ENGINE_ERROR_INVALID, _("A role needs an id and a name"));
  clean = g_strstrip (g_strdup (name));

  if (!(tx = warta_store_transaction (self->store, error)) ||
      !_warta_engine_check_admin (self, actor, error) ||
      !(roles = warta_store_list_roles (self->store, error)))
    return FALSE;
  for (guint i = 0; i < roles->len; i++)
    {
      const WartaRole *role = g_ptr_array_index (roles, i);

      if (g_str_equal (role->id, id))
        old_name = role->name;
    }
  if (old_name == NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("There is no role “%s”; choose one of the office's roles"), id);
      return FALSE;
    }

  payload = _warta_engine_payload_new ("role", id, "old_name", old_name, "name", clean, NULL);
  return warta_store_rename_role (self->store, id, clean, error) &&
         warta_journal_append (self->store, warta_engine_now (self), actor, 0, "role.rename", payload, error) &&
         warta_transaction_commit (tx, error);
}
