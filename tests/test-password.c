/* test-password.c: argon2id hashes at the interactive cost and at the
 * tests' cheap one, each verified at the cost written in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-password.h"

#define PASSWORD "rahasia123"

static double
time_verify (const char *hash)
{
  gint64 start = g_get_monotonic_time ();

  g_assert_true (warta_password_verify (hash, PASSWORD));
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The process starts at the interactive cost; a test program asks for the
 * cheap one; hashes of both kinds verify, and refuse a wrong password. */
static void
test_cost (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *interactive = warta_password_hash (PASSWORD, &error);
  g_autofree char *cheap = NULL;
  double interactive_ms, cheap_ms;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (interactive, "$argon2id$v=19$m=65536,t=2,p=1$"));

  warta_password_use_test_cost ();
  cheap = warta_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (cheap, "$argon2id$v=19$m=8,t=1,p=1$"));

  /* A stored hash keeps its own cost, whatever new ones are made with. */
  interactive_ms = time_verify (interactive);
  cheap_ms = time_verify (cheap);
  g_assert_false (warta_password_verify (interactive, "rahasia124"));
  g_assert_false (warta_password_verify (cheap, "rahasia124"));
  g_assert_false (warta_password_verify (NULL, PASSWORD));
  g_test_message ("verify: interactive %.1f ms, test cost %.3f ms", interactive_ms, cheap_ms);
  g_assert_cmpfloat (cheap_ms * 10, <, interactive_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/password/cost", test_cost);
  return g_test_run ();
}
