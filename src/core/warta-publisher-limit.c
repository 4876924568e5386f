/* warta-publisher-limit.c: how a publishing attempt's stages, its time
 * limit and its end are put to people
 *
 * The callers (warta-cli publish, the app's publish panel) give a whole
 * attempt a deadline with a GCancellable and a timeout source, and say
 * the same thing when it runs out or is cancelled: which stage was stuck,
 * that nothing is lost, and that trying again is safe, since a publish
 * finds what an earlier one made before it makes anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-publisher.h"

const char *
warta_publish_stage_describe (WartaPublishStage stage)
{
  switch (stage)
    {
    case WARTA_PUBLISH_STAGE_CONNECT:
      return _("connecting to the site");
    case WARTA_PUBLISH_STAGE_MEDIA:
      return _("uploading the files");
    case WARTA_PUBLISH_STAGE_POST:
      return _("sending the post");
    case WARTA_PUBLISH_STAGE_VERIFY:
      return _("checking the public page");
    case WARTA_PUBLISH_STAGE_WAIT:
      return _("waiting to try again after the site did not answer");
    case WARTA_PUBLISH_STAGE_SCREENSHOT:
      return _("taking the page's screenshot");
    default:
      g_return_val_if_reached ("");
    }
}

char *
warta_publish_format_limit (guint seconds)
{
  if (seconds >= 60 && seconds % 60 == 0)
    return g_strdup_printf (ngettext ("%u minute", "%u minutes", seconds / 60), seconds / 60);
  return g_strdup_printf (ngettext ("%u second", "%u seconds", seconds), seconds);
}

void
warta_publish_set_deadline_error (GError            **error,
                                  WartaPublishStage   stage,
                                  guint               seconds)
{
  g_autofree char *limit = warta_publish_format_limit (seconds);

  g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_TIMEOUT,
               /* Translators: the first %s is a time limit ("2 minutes"), the second a stage
                * ("connecting to the site") */
               _("Publishing did not finish within its time limit of %s: it was stuck %s. Nothing is lost: what "
                 "reached the site is recorded, and publishing again is safe, as it never makes a second post. "
                 "Check that the site opens in a browser, then try again"),
               limit, warta_publish_stage_describe (stage));
}

void
warta_publish_set_cancelled_error (GError **error)
{
  g_set_error_literal (error, WARTA_WP_ERROR, WARTA_WP_ERROR_CANCELLED,
                       _("Publishing was cancelled. Nothing is lost: what reached the site is recorded, and "
                         "publishing again is safe, as it never makes a second post"));
}
