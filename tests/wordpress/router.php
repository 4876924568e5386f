<?php
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Router for `php -S 127.0.0.1:PORT -t /usr/share/wordpress router.php`,
// started by tests/wordpress/wp-site.sh.
//
// Debian keeps wp-content outside the web root, and the harness gives each
// site its own (WARTA_WP_CONTENT_DIR: uploads of its own, themes and plugins
// linked from /var/lib/wordpress/wp-content), so /wp-content/* is served here
// or uploads and theme assets would 404. Everything that is not a file under
// the web root goes to index.php, as Apache's rewrite rules would: that is
// what makes pretty permalinks and /wp-json/ work.

$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');

// Nothing outside the two trees, whatever the request says.
if (str_contains($path, '..') || str_contains($path, "\0")) {
    http_response_code(400);
    echo "bad path\n";
    return true;
}

if (str_starts_with($path, '/wp-content/')) {
    $content = getenv('WARTA_WP_CONTENT_DIR') ?: '/var/lib/wordpress/wp-content';
    $file = $content . substr($path, strlen('/wp-content'));
    if (!is_file($file)) {
        http_response_code(404);
        echo "not found\n";
        return true;
    }
    // PHP in wp-content (plugins' own entry points) runs, the rest is sent.
    if (str_ends_with($file, '.php')) {
        chdir(dirname($file));
        require $file;
        return true;
    }
    $types = [
        'css' => 'text/css', 'js' => 'text/javascript', 'json' => 'application/json',
        'png' => 'image/png', 'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg',
        'gif' => 'image/gif', 'webp' => 'image/webp', 'svg' => 'image/svg+xml',
        'ico' => 'image/x-icon', 'woff' => 'font/woff', 'woff2' => 'font/woff2',
        'ttf' => 'font/ttf', 'txt' => 'text/plain', 'html' => 'text/html',
        'pdf' => 'application/pdf', 'mp4' => 'video/mp4', 'mp3' => 'audio/mpeg',
    ];
    $ext = strtolower(pathinfo($file, PATHINFO_EXTENSION));
    header('Content-Type: ' . ($types[$ext] ?? 'application/octet-stream'));
    header('Content-Length: ' . filesize($file));
    readfile($file);
    return true;
}

// Real files and directories under the web root (wp-admin/, wp-login.php,
// wp-includes/ assets): the built-in server handles them itself.
if ($path !== '/' && file_exists($root . $path)) {
    return false;
}

// The front controller, as WordPress expects to be reached through it.
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
return true;
