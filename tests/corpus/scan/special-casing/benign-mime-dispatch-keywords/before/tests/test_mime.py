from webkit.mime import content_type
