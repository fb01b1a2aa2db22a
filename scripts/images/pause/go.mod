module kubelab.local/images/pause

go 1.24
