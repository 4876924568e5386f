/* warta-private-file.h: a file only this process can read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A new file, 0600 in the user's cache folder, already unlinked: the
 * descriptor is the only way to it, and it goes when closed. For content
 * copied out of the database to be shown. -1 with error set on failure. */
int warta_private_file_new (const char  *prefix,
                            GError     **error);

G_END_DECLS
