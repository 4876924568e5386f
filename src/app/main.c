/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "warta-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WartaApplication) app = NULL;
  const char *localedir;

  /* An uninstalled build points this at its own compiled catalogs. */
  localedir = g_getenv ("WARTA_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = warta_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
